package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.TicketPriority;
import io.healthstream.serde.testdata.SampleSchemas;
import io.healthstream.testdata.Events;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Defect 4 of issue 13: records of a newer registered schema version are resolved one by one. */
class NewerWriterSchemaTest {
    private static final String SCOPE = NewerWriterSchemaTest.class.getSimpleName();
    private static final String TOPIC = "support-tickets";
    private static final Schema V2 = SampleSchemas.supportTicketWithCriticalPriority();

    private final AvroSerdes serdes = AvroSerdes.fromConfig(Map.of(SchemaRegistryConfig.URL, "mock://" + SCOPE));
    private final Deserializer<SupportTicketEvent> reader =
            serdes.valueSerde(SupportTicketEvent.class).deserializer();

    @AfterEach
    void dropRegistryScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    @DisplayName("a v2 record using a symbol v1 knows is read, although v2 added a symbol")
    void oldSymbolOfANewerSchemaIsRead() {
        registerV1ThenV2();
        SupportTicketEvent expected = Events.ticketWithEveryField().avro();

        SupportTicketEvent read = reader.deserialize(TOPIC, writtenWithV2(expected, "HIGH"));

        assertThat(read.getPriority()).isEqualTo(TicketPriority.HIGH);
        assertThat(read).isEqualTo(withPriority(expected, TicketPriority.HIGH));
    }

    @Test
    @DisplayName("a v2 record using the new symbol fails alone, naming the field and the symbol")
    void newSymbolFailsNamingTheField() {
        registerV1ThenV2();
        SupportTicketEvent ticket = Events.ticketWithEveryField().avro();
        byte[] critical = writtenWithV2(ticket, "CRITICAL");

        assertThatThrownBy(() -> reader.deserialize(TOPIC, critical))
                .isInstanceOf(SerializationException.class)
                .hasMessageEndingWith("(io.healthstream.avro.SupportTicketEvent) on topic support-tickets cannot be"
                        + " read as io.healthstream.avro.SupportTicketEvent: field 'priority' has symbol CRITICAL"
                        + " that enum io.healthstream.avro.TicketPriority does not have (and it has no default)");
        assertThat(reader.deserialize(TOPIC, writtenWithV2(ticket, "LOW")).getPriority())
                .isEqualTo(TicketPriority.LOW);
    }

    @Test
    void aReaderEnumDefaultTakesTheNewSymbol() {
        Schema withDefault = new Schema.Parser()
                .parse(SupportTicketEvent.getClassSchema()
                        .toString()
                        .replace(
                                "\"symbols\":[\"LOW\",\"NORMAL\",\"HIGH\",\"URGENT\"]",
                                "\"symbols\":[\"LOW\",\"NORMAL\",\"HIGH\",\"URGENT\"],\"default\":\"NORMAL\""));
        AvroDeserializer<GenericRecord> tolerant =
                new AvroDeserializer<>(serdes.registry(), GenericData.get(), withDefault, 10);
        registerV1ThenV2();

        GenericRecord read = tolerant.deserialize(
                TOPIC, writtenWithV2(Events.ticketWithEveryField().avro(), "CRITICAL"));

        assertThat(read.get("priority")).hasToString("NORMAL");
    }

    private void registerV1ThenV2() {
        serdes.registry().register(TOPIC + "-value", SupportTicketEvent.getClassSchema());
        serdes.registry().register(TOPIC + "-value", V2);
    }

    /** {@code ticket} as a producer with the v2 schema writes it, with {@code priority}. */
    private byte[] writtenWithV2(SupportTicketEvent ticket, String priority) {
        GenericRecord record = new GenericData.Record(V2);
        for (Schema.Field field : V2.getFields()) {
            Object value = ticket.get(field.name());
            record.put(field.name(), value instanceof java.time.Instant at ? at.toEpochMilli() : value);
        }
        record.put(
                "status",
                new GenericData.EnumSymbol(
                        V2.getField("status").schema(), ticket.getStatus().name()));
        record.put(
                "priority", new GenericData.EnumSymbol(V2.getField("priority").schema(), priority));
        return serdes.genericValueSerde().serializer().serialize(TOPIC, record);
    }

    private static SupportTicketEvent withPriority(SupportTicketEvent ticket, TicketPriority priority) {
        return SupportTicketEvent.newBuilder(ticket).setPriority(priority).build();
    }
}
