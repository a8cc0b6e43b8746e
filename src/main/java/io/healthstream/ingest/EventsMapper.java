package io.healthstream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import io.healthstream.replay.EventLine;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Events in healthstream's own JSON contract, the replay's line format ({@code {"topic": ..., "value": {...}}}):
 * one event, a JSON array of them, or JSON lines. One bad event makes the whole request invalid.
 */
final class EventsMapper {
    private final ObjectReader reader = IngestJson.MAPPER.readerFor(JsonNode.class);

    IngestBatch map(byte[] body) {
        List<IngestEvent> events = new ArrayList<>();
        try (MappingIterator<JsonNode> values = reader.readValues(body)) {
            while (values.hasNextValue()) {
                JsonNode json = values.nextValue();
                try {
                    events.add(event(EventLine.read(json)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidPayloadException("event " + events.size() + ": " + e.getMessage());
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidPayloadException("unreadable body: " + e.getMessage());
        }
        if (events.isEmpty()) {
            throw new InvalidPayloadException("no events in the body");
        }
        return new IngestBatch(events, 0);
    }

    private static IngestEvent event(EventLine line) {
        if (line.topic().equals(Topics.HEALTH_OVERRIDES)) {
            // An override is a CSM's write: it takes the API's write token, not the ingest token.
            throw new IllegalArgumentException(
                    Topics.HEALTH_OVERRIDES + " is written through POST /accounts/{id}/override only");
        }
        SpecificRecord value = specific(line.value(), HealthTopology.INPUT_TYPES.get(line.topic()));
        String account =
                value.get(value.getSchema().getField("account_id").pos()).toString();
        return new IngestEvent(line.topic(), account, line.occurredAt(), value);
    }

    /**
     * The generated class's record of the same data, so it is written exactly as a product service's would be:
     * through Avro's own binary form, which carries the logical types (timestamps) across.
     */
    private static <T extends SpecificRecord> T specific(GenericRecord generic, Class<T> type) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(generic.getSchema()).write(generic, encoder);
            return new SpecificDatumReader<>(type)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy a " + type.getSimpleName() + " in memory", e);
        }
    }
}
