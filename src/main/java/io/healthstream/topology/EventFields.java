package io.healthstream.topology;

import io.healthstream.avro.HealthOverride;
import org.apache.avro.Schema;

/**
 * Which fields of an input record carry its id and its event time: {@code event_id} and
 * {@code occurred_at} for the customer events, {@code override_id} and {@code created_at} for a CSM's
 * override command.
 */
public final class EventFields {
    private EventFields() {}

    public static String id(Schema schema) {
        return isOverride(schema) ? "override_id" : "event_id";
    }

    public static String time(Schema schema) {
        return isOverride(schema) ? "created_at" : "occurred_at";
    }

    private static boolean isOverride(Schema schema) {
        return HealthOverride.getClassSchema().getFullName().equals(schema.getFullName());
    }
}
