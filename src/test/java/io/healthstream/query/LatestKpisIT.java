package io.healthstream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.avro.PortfolioKpis;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.testdata.KpiRecords;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reader behind GET /kpis, on a real broker: it neither stops at a record it cannot read nor loses one. */
class LatestKpisIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String SCOPE = LatestKpisIT.class.getSimpleName();
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "mock://" + SCOPE));

    @AfterEach
    void clear() {
        KAFKA.clear();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void aRecordUnreadableForAWhileIsReadAgainAndABrokenOneIsSkipped() {
        AvroPublisher.createTopics(KAFKA.bootstrapServers(), 1, List.of(Topics.SAAS_KPIS));
        try (AvroPublisher publisher = new AvroPublisher(KAFKA.bootstrapServers(), serdes)) {
            publisher.publishRaw(Topics.SAAS_KPIS, "2026-10/USD", new byte[] {0, 0, 0, 0, 99, 1});
            publisher.publish(Topics.SAAS_KPIS, "2026-11/USD", KpiRecords.kpis("2026-11", 100_000, T0));
        }
        RegistryAwayFor registryAway =
                new RegistryAwayFor(2, serdes.valueSerde(PortfolioKpis.class).deserializer());

        try (LatestKpis kpis =
                new LatestKpis(clientConfig(), registryAway, failure -> failure.getCause() instanceof RegistryAway)) {
            await("the KPI record read once the registry answers")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !kpis.of("2026-11").isEmpty());

            assertThat(kpis.of("2026-11"))
                    .singleElement()
                    .satisfies(read -> assertThat(read.getMrrEnd()).isEqualTo(100_000));
            assertThat(kpis.of("2026-10")).as("the broken record, skipped").isEmpty();
            assertThat(registryAway.refused.get())
                    .as("reads refused while the registry was away")
                    .isEqualTo(2);
        }
    }

    private static Properties clientConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return config;
    }

    /** What a registry outage looks like to the reader: a failure that passes. */
    private static final class RegistryAway extends RuntimeException {
        RegistryAway() {
            super("schema registry away");
        }
    }

    /** The real deserializer behind a registry that refuses the first {@code times} reads of a valid record. */
    private static final class RegistryAwayFor implements Deserializer<PortfolioKpis> {
        private final AtomicInteger left;
        private final AtomicInteger refused = new AtomicInteger();
        private final Deserializer<PortfolioKpis> real;

        RegistryAwayFor(int times, Deserializer<PortfolioKpis> real) {
            this.left = new AtomicInteger(times);
            this.real = real;
        }

        @Override
        public PortfolioKpis deserialize(String topic, byte[] data) {
            PortfolioKpis value = real.deserialize(topic, data);
            if (left.getAndDecrement() > 0) {
                refused.incrementAndGet();
                throw new RegistryAway();
            }
            return value;
        }
    }
}
