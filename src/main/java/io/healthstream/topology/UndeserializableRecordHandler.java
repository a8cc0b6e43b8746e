package io.healthstream.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** Records that cannot be deserialized go to the dead-letter topic with the reason; processing goes on. */
public final class UndeserializableRecordHandler implements DeserializationExceptionHandler {
    static final String REASON = "deserialization-error";
    private static final Logger LOG = LoggerFactory.getLogger(UndeserializableRecordHandler.class);

    private DeadLetterListener listener = DeadLetterListener.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        listener = DeadLetterRecords.listenerFrom(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Throwable cause = exception.getCause() == null ? exception : exception.getCause();
        LOG.warn("Undeserializable record from {}-{}@{} sent to {}: {}", record.topic(), record.partition(),
                record.offset(), Topics.DEAD_LETTER, cause.getMessage());
        listener.deadLettered(record.topic(), REASON);
        return Response.resume(List.of(DeadLetterRecords.build(context, record.key(), record.value(), REASON, exception)));
    }
}
