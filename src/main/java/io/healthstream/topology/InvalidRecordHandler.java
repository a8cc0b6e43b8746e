package io.healthstream.topology;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Processing errors never stop the engine: the record goes to the dead-letter topic and processing
 * resumes. Contract violations are user data problems and log one line; anything else is our bug
 * and logs the stack trace.
 */
public final class InvalidRecordHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidRecordHandler.class);

    private DeadLetterListener listener = DeadLetterListener.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        listener = DeadLetterRecords.listenerFrom(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason;
        if (exception instanceof InvalidEventException invalid) {
            reason = invalid.reason();
            LOG.warn("Invalid event from {}-{}@{} sent to {}: {}", context.topic(), context.partition(), context.offset(),
                    Topics.DEAD_LETTER, invalid.getMessage());
        } else {
            reason = "processing-error";
            LOG.error("Processing failed for {}-{}@{}; record sent to {}", context.topic(), context.partition(),
                    context.offset(), Topics.DEAD_LETTER, exception);
        }
        listener.deadLettered(context.topic(), reason);
        return Response.resume(List.of(DeadLetterRecords.build(context, context.sourceRawKey(),
                context.sourceRawValue(), reason, exception)));
    }
}
