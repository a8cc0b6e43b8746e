package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.UsageActivity;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.testdata.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One input topic's typed route alone, on a minimal driver: a valid record becomes a domain event, a bad one throws. */
class InputValidatorTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String SCOPE = "input-validator-test";

    private final AvroSerdes serdes = new AvroSerdes(SchemaRegistryConfig.forUrl(MockSchemaRegistry.SCHEME + SCOPE));
    private final List<AccountEvent> events = new ArrayList<>();
    private TopologyTestDriver driver;

    @AfterEach
    void stop() {
        driver.close();
        MockSchemaRegistry.dropScope(SCOPE);
    }

    /** The route of {@code topic} alone: records of {@code type} in, the validated events collected. */
    private <T extends SpecificRecord> TestInputTopic<String, T> route(String topic, Class<T> type) {
        Serde<SpecificRecord> values = anyRecord(serdes.valueSerde(type));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), values))
                .processValues(() -> new InputValidator(InputLimits.DEFAULTS))
                .foreach((account, event) -> events.add(event));
        Properties quiet = new Properties();
        quiet.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailQuietly.class.getName());
        driver = new TopologyTestDriver(builder.build(), quiet);
        return driver.createInputTopic(
                topic, new StringSerializer(), serdes.valueSerde(type).serializer());
    }

    /** Fails the record as Kafka Streams' default does, without logging the expected exception. */
    public static final class FailQuietly implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            return Response.fail();
        }

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> anyRecord(Serde<? extends SpecificRecord> serde) {
        return (Serde<SpecificRecord>) serde;
    }

    @Test
    @DisplayName("a valid record is forwarded as the domain event of its type, under the same key")
    void aValidRecordBecomesADomainEvent() {
        TestInputTopic<String, UsageEvent> usage = route(Topics.USAGE_EVENTS, UsageEvent.class);

        usage.pipeInput(
                "acc-1",
                Events.usage()
                        .account("acc-1")
                        .action("login")
                        .count(3)
                        .at(T0)
                        .id("u-1")
                        .avro(),
                T0);

        assertThat(events).singleElement().isInstanceOfSatisfying(UsageActivity.class, event -> {
            assertThat(event.eventId()).isEqualTo("u-1");
            assertThat(event.count()).isEqualTo(3);
            assertThat(event.occurredAt()).isEqualTo(T0);
        });
    }

    @Test
    @DisplayName("a record that breaks the contract throws with the reason, for the processing handler to dead-letter")
    void aRecordThatBreaksTheContractThrowsWithTheReason() {
        TestInputTopic<String, NpsResponse> nps = route(Topics.NPS_RESPONSES, NpsResponse.class);

        assertThatThrownBy(() -> nps.pipeInput(
                        "acc-1",
                        Events.nps(11).account("acc-1").user("ann").at(T0).avro(),
                        T0))
                .rootCause()
                .isInstanceOfSatisfying(
                        InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo("invalid-nps-score"));
        assertThat(events).isEmpty();
    }

    @Test
    @DisplayName("a record whose key is not its account id is refused: the account's state would split")
    void aKeyThatIsNotTheAccountIsRefused() {
        TestInputTopic<String, NpsResponse> nps = route(Topics.NPS_RESPONSES, NpsResponse.class);

        assertThatThrownBy(() -> nps.pipeInput(
                        "acc-2",
                        Events.nps(9).account("acc-1").user("ann").at(T0).avro(),
                        T0))
                .rootCause()
                .isInstanceOfSatisfying(
                        InvalidEventException.class, e -> assertThat(e.reason()).isEqualTo("key-mismatch"));
        nps.pipeInput("acc-1", Events.nps(9).account("acc-1").user("ann").at(T0).avro(), T0);
        assertThat(events).singleElement().isInstanceOf(NpsAnswer.class);
    }
}
