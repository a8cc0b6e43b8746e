package io.healthstream.topology;

import io.healthstream.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that cannot be deserialized go to the dead-letter topic with the reason and processing goes
 * on, unless the schema registry itself is down: then the record is fine and must be retried.
 */
public final class UndeserializableRecordHandler extends DeadLetteringHandler
        implements DeserializationExceptionHandler {
    static final String REASON = "deserialization-error";
    private static final Logger LOG = LoggerFactory.getLogger(UndeserializableRecordHandler.class);

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (SchemaRegistryException.isOutage(exception)) {
            // Not the record's fault: failing makes Streams retry it from the last commit instead of losing it.
            LOG.error(
                    "Schema registry unavailable while reading {}-{}@{}; failing so the record is retried: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    DeadLetterLog.describe(exception));
            return Response.fail();
        }
        if (logs(REASON)) {
            LOG.warn(
                    "Undeserializable record from {}-{}@{} sent to {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    Topics.DEAD_LETTER,
                    DeadLetterLog.describe(exception));
        }
        return Response.resume(deadLetters()
                .deadLetter(context, record.topic(), record.key(), record.value(), REASON, exception, null));
    }
}
