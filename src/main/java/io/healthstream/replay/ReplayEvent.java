package io.healthstream.replay;

import org.apache.avro.generic.GenericRecord;

/**
 * One event of the file, as the replay keeps it until it is fed: its topic, the line it came from,
 * its occurred_at in epoch milliseconds (as in the Avro record) and the record itself.
 */
record ReplayEvent(String topic, long line, long occurredAt, GenericRecord value) {}
