package io.healthstream.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import io.healthstream.replay.EventLine;
import io.healthstream.topology.HealthTopology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificData;
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
        Class<? extends SpecificRecord> type = HealthTopology.INPUT_TYPES.get(line.topic());
        // The generated class, so the record is written exactly as a product service's would be.
        SpecificRecord value = (SpecificRecord)
                SpecificData.getForClass(type).deepCopy(line.value().getSchema(), line.value());
        return new IngestEvent(
                line.topic(),
                value.get(value.getSchema().getField("account_id").pos()).toString(),
                line.occurredAt(),
                value);
    }
}
