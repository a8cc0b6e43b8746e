package io.healthstream.replay;

/**
 * One record of a spilled run: ordered by {@code key}, then {@code seq}; {@code tag} and {@code payload} ride
 * along unread. An event is (occurred_at, line, topic, Avro binary); a dead letter (line, arrival, reason, JSON).
 */
record RunEntry(long key, long seq, String tag, byte[] payload) {
    /** Heap bytes this entry takes in a run buffer, roughly: the arrays, the strings and the object headers. */
    long footprint() {
        return payload.length + 2L * tag.length() + 96;
    }
}
