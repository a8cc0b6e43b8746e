package io.healthstream.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.serde.JsonAvro;
import io.healthstream.topology.EventFields;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.Topics;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event in healthstream's own JSON contract, {@code {"topic": "<input topic>", "value": {...}}}: what a
 * replay line holds and what {@code POST /ingest/events} takes.
 */
public record EventLine(String topic, GenericRecord value) {
    /**
     * Reads {@code json} as an event of an input topic.
     *
     * @throws IllegalArgumentException naming the unknown topic or the missing or mistyped field
     */
    public static EventLine read(JsonNode json) {
        String topic = json.path("topic").asText("");
        Class<? extends SpecificRecord> type = HealthTopology.INPUT_TYPES.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("\"topic\" must be one of " + Topics.INPUTS + ", got '" + topic + "'");
        }
        return new EventLine(
                topic, JsonAvro.read(json.get("value"), SpecificData.get().getSchema(type)));
    }

    /** The event time (occurred_at, or an override's created_at) in epoch milliseconds, as in the Avro record. */
    public long occurredAt() {
        return (Long) value.get(EventFields.time(value.getSchema()));
    }
}
