package io.healthstream.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Supplies the Avro value serde of each record type; the app backs it with the schema registry. */
public interface ValueSerdes {
    <T extends SpecificRecord> Serde<T> forType(Class<T> type);
}
