package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.UsageEvent;
import io.healthstream.testdata.Events;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serdes as a topology uses them: built once from the config map, passed to Consumed and Produced. */
class AvroSerdesTopologyTest {
    private static final String SCOPE = AvroSerdesTopologyTest.class.getSimpleName();

    @AfterEach
    void dropRegistryScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void usageEventsFlowThroughATopologyUnchanged() {
        Serde<UsageEvent> usage = AvroSerdes.fromConfig(Map.of(SchemaRegistryConfig.URL, "mock://" + SCOPE))
                .valueSerde(UsageEvent.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("usage-events", Consumed.with(Serdes.String(), usage))
                .filter((account, event) -> event.getCount() > 0)
                .to("usage-copy", Produced.with(Serdes.String(), usage));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serde-topology-test");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, UsageEvent> in =
                    driver.createInputTopic("usage-events", Serdes.String().serializer(), usage.serializer());
            TestOutputTopic<String, UsageEvent> out =
                    driver.createOutputTopic("usage-copy", Serdes.String().deserializer(), usage.deserializer());
            UsageEvent event = Events.usageWithEveryField().avro();

            in.pipeInput("acc-1", event);

            assertThat(out.readValue()).isEqualTo(event);
        }
        assertThat(MockSchemaRegistry.scope(SCOPE).subjects())
                .containsExactly("usage-copy-value", "usage-events-value");
    }
}
