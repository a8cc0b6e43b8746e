package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import io.healthstream.serde.testdata.SampleSchemas;
import io.healthstream.testdata.Events;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdesTest {
    private static final String SCOPE = AvroSerdesTest.class.getSimpleName();
    private static final String TOPIC = "usage-events";

    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(SchemaRegistryConfig.URL, "mock://" + SCOPE));

    @AfterEach
    void dropRegistryScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    static Stream<Arguments> inputEvents() {
        return Stream.of(
                Arguments.of(
                        "usage-events",
                        UsageEvent.class,
                        Events.usageWithEveryField().avro()),
                Arguments.of(
                        "subscription-events",
                        SubscriptionEvent.class,
                        Events.subscriptionWithEveryField().avro()),
                Arguments.of(
                        "support-tickets",
                        SupportTicketEvent.class,
                        Events.ticketWithEveryField().avro()),
                Arguments.of(
                        "nps-responses",
                        NpsResponse.class,
                        Events.npsWithEveryField().avro()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("inputEvents")
    @DisplayName("every input event type survives a round trip field for field")
    <T extends SpecificRecord> void everyInputEventTypeRoundTrips(String topic, Class<T> type, T event) {
        Serde<T> serde = serdes.valueSerde(type);

        T read = serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, event));

        assertThat(read).isEqualTo(event).isInstanceOf(type);
    }

    @Test
    void absentOptionalFieldStaysNullAndTimestampKeepsMilliseconds() {
        UsageEvent login =
                Events.usageWithEveryField().action("login").step(null).avro();
        Serde<UsageEvent> serde = serdes.valueSerde(UsageEvent.class);

        UsageEvent read =
                serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, login));

        assertThat(read.getOnboardingStep()).isNull();
        assertThat(read.getOccurredAt()).isEqualTo(Events.PRECISE);
    }

    @Test
    void bytesAreMagicByteZeroThenSchemaIdThenAvro() {
        byte[] bytes = serdes.valueSerde(UsageEvent.class)
                .serializer()
                .serialize(TOPIC, Events.usageWithEveryField().avro());

        int registeredId = serdes.registry()
                .lookup("usage-events-value", UsageEvent.getClassSchema())
                .id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
        assertThat(bytes.length).isGreaterThan(ConfluentWireFormat.HEADER_SIZE);
    }

    @Test
    void nullIsSerializedAndDeserializedAsNull() {
        Serde<UsageEvent> serde = serdes.valueSerde(UsageEvent.class);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void genericRecordRoundTripsWithItsWriterSchema() {
        Schema schema = SchemaBuilder.record("Ping")
                .namespace("io.healthstream.test")
                .fields()
                .requiredString("id")
                .optionalLong("sequence")
                .endRecord();
        GenericRecord ping = new GenericData.Record(schema);
        ping.put("id", "p-1");
        ping.put("sequence", 7L);
        Serde<GenericRecord> serde = serdes.genericValueSerde();

        GenericRecord read =
                serde.deserializer().deserialize("pings", serde.serializer().serialize("pings", ping));

        assertThat(read.getSchema()).isEqualTo(schema);
        assertThat(read.get("id")).hasToString("p-1");
        assertThat(read.get("sequence")).isEqualTo(7L);
    }

    @Test
    @DisplayName("a record written with a newer schema (extra field with default) reads into the generated class")
    void newerWriterSchemaIsResolvedIntoGeneratedClass() {
        GenericRecord newer = newerUsageEvent("web");
        byte[] bytes = serdes.genericValueSerde().serializer().serialize(TOPIC, newer);

        UsageEvent read = serdes.valueSerde(UsageEvent.class).deserializer().deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(Events.usageWithEveryField().avro());
        assertThat(serdes.registry().latest("usage-events-value").schema().getField("channel"))
                .isNotNull();
    }

    @Test
    void keySerdeUsesTopicKeySubject() {
        serdes.keySerde(UsageEvent.class)
                .serializer()
                .serialize("accounts", Events.usageWithEveryField().avro());

        assertThat(serdes.registry().latest("accounts-key").schema()).isEqualTo(UsageEvent.getClassSchema());
        assertThatThrownBy(() -> serdes.registry().latest("accounts-value"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    }

    @Test
    void serdesOfOneMockScopeShareTheRegistry() {
        byte[] bytes = serdes.valueSerde(UsageEvent.class)
                .serializer()
                .serialize(TOPIC, Events.usageWithEveryField().avro());
        AvroSerdes other = AvroSerdes.fromConfig(Map.of(SchemaRegistryConfig.URL, "mock://" + SCOPE));

        assertThat(other.valueSerde(UsageEvent.class).deserializer().deserialize(TOPIC, bytes))
                .isEqualTo(Events.usageWithEveryField().avro());
    }

    @Test
    void droppedScopeForgetsItsSchemas() {
        serdes.valueSerde(UsageEvent.class)
                .serializer()
                .serialize(TOPIC, Events.usageWithEveryField().avro());

        MockSchemaRegistry.dropScope(SCOPE);

        assertThat(MockSchemaRegistry.scope(SCOPE).subjects()).isEmpty();
    }

    @Test
    void autoRegisterOffWithMissingSchemaGivesClearError() {
        AvroSerdes noAutoRegister = AvroSerdes.fromConfig(Map.of(
                SchemaRegistryConfig.URL, "mock://" + SCOPE, SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS, "false"));
        Serde<UsageEvent> serde = noAutoRegister.valueSerde(UsageEvent.class);

        assertThatThrownBy(() -> serde.serializer()
                        .serialize(TOPIC, Events.usageWithEveryField().avro()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(
                        "io.healthstream.avro.UsageEvent is not registered under subject usage-events-value")
                .hasMessageContaining("auto.register.schemas is false");
    }

    @Test
    void autoRegisterOffUsesTheAlreadyRegisteredSchema() {
        int id = MockSchemaRegistry.scope(SCOPE).register("usage-events-value", UsageEvent.getClassSchema());
        AvroSerdes noAutoRegister = AvroSerdes.fromConfig(
                Map.of(SchemaRegistryConfig.URL, "mock://" + SCOPE, SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS, false));

        byte[] bytes = noAutoRegister
                .valueSerde(UsageEvent.class)
                .serializer()
                .serialize(TOPIC, Events.usageWithEveryField().avro());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    @DisplayName("an output's schema registered before its first record is the one that record is written with")
    void preparedValueSchemaIsRegisteredUnderTheTopicsSubject() {
        serdes.prepareValueSchema(TOPIC, UsageEvent.class);

        int id = MockSchemaRegistry.scope(SCOPE)
                .lookup("usage-events-value", UsageEvent.getClassSchema())
                .id();
        byte[] bytes = serdes.valueSerde(UsageEvent.class)
                .serializer()
                .serialize(TOPIC, Events.usageWithEveryField().avro());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void preparingAnUnregisteredSchemaWithAutoRegisterOffSaysSo() {
        AvroSerdes noAutoRegister = AvroSerdes.fromConfig(Map.of(
                SchemaRegistryConfig.URL, "mock://" + SCOPE, SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS, "false"));

        assertThatThrownBy(() -> noAutoRegister.prepareValueSchema(TOPIC, UsageEvent.class))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject usage-events-value");
        assertThat(MockSchemaRegistry.scope(SCOPE).subjects()).isEmpty();
    }

    @Test
    void recordOfAnotherTypeCannotBeReadAsUsageEvent() {
        byte[] bytes = serdes.valueSerde(NpsResponse.class)
                .serializer()
                .serialize(TOPIC, Events.npsWithEveryField().avro());

        assertThatThrownBy(
                        () -> serdes.valueSerde(UsageEvent.class).deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("(io.healthstream.avro.NpsResponse) on topic usage-events cannot be read as "
                        + "io.healthstream.avro.UsageEvent");
    }

    /** UsageEvent's schema plus a {@code channel} field with a default: what a newer producer writes. */
    private static GenericRecord newerUsageEvent(String channel) {
        GenericRecord record = new GenericData.Record(SampleSchemas.usageEventWithChannelDefault());
        UsageEvent event = Events.usageWithEveryField().avro();
        record.put("event_id", event.getEventId());
        record.put("account_id", event.getAccountId());
        record.put("user_id", event.getUserId());
        record.put("occurred_at", event.getOccurredAt().toEpochMilli());
        record.put("action", event.getAction());
        record.put("count", event.getCount());
        record.put("onboarding_step", event.getOnboardingStep());
        record.put("channel", channel);
        return record;
    }
}
