package io.healthstream.serde;

import java.util.Locale;

/** The compatibility rules a registry enforces when a new schema version is registered. */
public enum CompatibilityLevel {
    /** A new schema must be able to read data written with the latest registered schema. */
    BACKWARD,
    /** Any schema may follow any other. */
    NONE;

    /** Parses a level name as sent over the REST API, ignoring case. */
    public static CompatibilityLevel parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SchemaRegistryException(
                    422,
                    SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                    "Invalid compatibility level '" + name + "'; supported: BACKWARD, NONE");
        }
    }
}
