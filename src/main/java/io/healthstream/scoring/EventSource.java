package io.healthstream.scoring;

/**
 * The input an event came from. Producers promise event ids unique per source only, so an event is
 * identified by its account, its source and its id.
 */
public enum EventSource {
    SUBSCRIPTION,
    USAGE,
    NPS,
    TICKET,
    /** A CSM's override command (topic health-overrides). */
    OVERRIDE
}
