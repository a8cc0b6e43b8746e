package io.healthstream.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;

/** An {@link ErrorHandlerContext} with the given values, for calling the handlers directly. */
record TestErrorContext(
        String topic,
        int partition,
        long offset,
        String processorNodeId,
        long timestamp,
        byte[] sourceRawKey,
        byte[] sourceRawValue)
        implements ErrorHandlerContext {

    /** Processing input record {@code offset} of {@code topic} partition 0. */
    static TestErrorContext processing(String topic, long offset, byte[] key, byte[] value) {
        return new TestErrorContext(topic, 0, offset, "health-processor", 1_772_323_200_000L, key, value);
    }

    /** What Kafka Streams passes while a punctuator runs: no topic, partition and offset -1, no raw record. */
    static TestErrorContext punctuation() {
        return new TestErrorContext(null, -1, -1L, "health-processor", 1_772_323_200_000L, null, null);
    }

    /** What Kafka Streams passes for a store's changelog record: no record context and no processor. */
    static TestErrorContext changelog() {
        return new TestErrorContext(null, -1, -1L, null, -1L, null, null);
    }

    @Override
    public Headers headers() {
        return new RecordHeaders();
    }

    @Override
    public TaskId taskId() {
        return new TaskId(0, Math.max(partition, 0));
    }
}
