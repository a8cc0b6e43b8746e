package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.app.Settings;
import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.StoredAccount;
import io.healthstream.avro.StoredKpiLedger;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.replay.Replayer;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.testdata.Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Defect 7 of issue 13: the engine's own state (stores, changelogs, the KPI repartition topic) never goes
 * through the schema registry, so it restores and runs whatever the registry knows.
 */
class RegistryFreeStateTest {
    private static final String SCOPE = "registry-free-state-test";
    private static final Set<Class<?>> ENGINE_OWN = Set.of(StoredAccount.class, StoredKpiLedger.class, KpiDelta.class);

    private final AvroSerdes serdes = new AvroSerdes(SchemaRegistryConfig.forUrl(MockSchemaRegistry.SCHEME + SCOPE));

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    @DisplayName("accounts are scored and stored while the registry is never asked for a state schema")
    void stateNeverAsksTheRegistry() throws Exception {
        Settings settings = Settings.defaults();
        Properties properties = settings.streamsProperties();
        properties.putAll(Replayer.TEST_DRIVER_OVERRIDES);
        properties.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(Files.createDirectories(Path.of("target")), "registry-free-")
                        .toString());
        ValueSerdes inputsAndOutputsOnly = new ValueSerdes() {
            @Override
            public <T extends org.apache.avro.specific.SpecificRecord>
                    org.apache.kafka.common.serialization.Serde<T> forType(Class<T> type) {
                assertThat(ENGINE_OWN).as("registry serde asked for").doesNotContain(type);
                return serdes.valueSerde(type);
            }
        };
        try (TopologyTestDriver driver = new TopologyTestDriver(
                HealthTopology.build(settings.topology(), inputsAndOutputsOnly, ProcessingListener.NONE),
                properties,
                Events.T0)) {
            SubscriptionEvent started = Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                    .account("acc-1")
                    .at(Events.T0)
                    .avro();
            driver.createInputTopic(
                            Topics.SUBSCRIPTION_EVENTS,
                            new StringSerializer(),
                            serdes.valueSerde(SubscriptionEvent.class).serializer())
                    .pipeInput("acc-1", started, Events.T0);
            // One KPI flush tells the ledger the task's clock, the next releases the record held for its LTV rate.
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            driver.advanceWallClockTime(Duration.ofSeconds(5));

            assertThat(driver.createOutputTopic(
                                    Topics.ACCOUNT_HEALTH,
                                    new StringDeserializer(),
                                    serdes.valueSerde(AccountHealth.class).deserializer())
                            .readValuesToList())
                    .isNotEmpty();
            assertThat(driver.<String, StoredAccount>getKeyValueStore(StoreNames.ACCOUNTS)
                            .get("acc-1"))
                    .isNotNull();
            assertThat(MockSchemaRegistry.scope(SCOPE).subjects())
                    .noneMatch(subject -> subject.contains("changelog") || subject.contains("repartition"));
        }
    }
}
