package io.healthstream.replay;

import io.healthstream.topology.HealthTopology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * A replay event as a {@link RunEntry} and back: keyed by occurred_at then line, so that runs sort in time
 * order with file order breaking ties; the record as Avro binary of its topic's schema, a fraction of the
 * parsed record's heap. One per replay: not thread-safe.
 */
final class EventCodec {
    private final Map<Schema, GenericDatumWriter<GenericRecord>> writers = new HashMap<>();
    private final Map<String, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private BinaryEncoder encoder;

    RunEntry encode(ReplayEvent event) throws IOException {
        bytes.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
        writers.computeIfAbsent(event.value().getSchema(), GenericDatumWriter::new)
                .write(event.value(), encoder);
        encoder.flush();
        return new RunEntry(event.occurredAt(), event.line(), event.topic(), bytes.toByteArray());
    }

    ReplayEvent decode(RunEntry entry) throws IOException {
        GenericRecord value = readers.computeIfAbsent(entry.tag(), EventCodec::reader)
                .read(null, DecoderFactory.get().binaryDecoder(entry.payload(), null));
        return new ReplayEvent(entry.tag(), entry.seq(), entry.key(), value);
    }

    private static GenericDatumReader<GenericRecord> reader(String topic) {
        return new GenericDatumReader<>(SpecificData.get().getSchema(HealthTopology.INPUT_TYPES.get(topic)));
    }
}
