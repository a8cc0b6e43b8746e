package io.healthstream.tools.bench;

import java.nio.ByteBuffer;
import java.util.Collection;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The tiny Kafka Streams applications the engine is measured against, on the same input: what reading and
 * writing costs, and what a minimal stateful processor costs. Bytes in, bytes out: no Avro, no registry.
 */
public final class Baselines {
    static final String STORE = "baseline-state";

    private Baselines() {}

    /** Every input record written unchanged to {@code output}. */
    public static Topology passThrough(Collection<String> inputs, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        inputs,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("inputs"))
                .to(
                        output,
                        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("output"));
        return builder.build();
    }

    /**
     * Per record, one RocksDB read-modify-write of its key's entry (a count and the latest value), logged to a
     * changelog, and one output record: the least any stateful per-account processor does. The store is built
     * without caching, so every write reaches RocksDB and the changelog.
     */
    public static Topology minimalStateful(Collection<String> inputs, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled());
        builder.stream(inputs, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()).withName("inputs"))
                .process(CountingProcessor::new, Named.as("read-modify-write"), STORE)
                .to(output, Produced.with(Serdes.Bytes(), Serdes.ByteArray()).withName("output"));
        return builder.build();
    }

    /** Reads the key's count, adds one, stores it with the latest value and forwards the count. */
    private static final class CountingProcessor implements Processor<Bytes, byte[], Bytes, byte[]> {
        private ProcessorContext<Bytes, byte[]> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Bytes, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            byte[] previous = store.get(record.key());
            long count = previous == null ? 1 : ByteBuffer.wrap(previous).getLong() + 1;
            byte[] value = record.value() == null ? new byte[0] : record.value();
            store.put(
                    record.key(),
                    ByteBuffer.allocate(Long.BYTES + value.length)
                            .putLong(count)
                            .put(value)
                            .array());
            context.forward(record.withValue(
                    ByteBuffer.allocate(Long.BYTES).putLong(count).array()));
        }
    }
}
