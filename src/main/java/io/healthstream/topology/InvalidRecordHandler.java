package io.healthstream.topology;

import io.healthstream.serde.SchemaRegistryException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing errors never stop the engine: the record goes to the dead-letter topic and processing
 * resumes. Contract violations are user data problems and log one line; anything else is our bug
 * and logs the stack trace; either only for the first of its reason in an interval ({@link DeadLetterLog}). An error in a punctuator arrives with no current record ({@code record}
 * null, the context's topic null): it is dead-lettered from {@value DeadLetterRecords#NO_SOURCE_TOPIC}
 * with no key or value.
 *
 * <p>A schema registry outage is not the record's fault: an output the processor forwards is serialized inside
 * its call, so when {@link UnsendableRecordHandler} fails an output whose schema the registry could not take, that
 * failure arrives here too. It fails the task, to be retried from the last commit once the registry answers
 * ({@code StreamsRunner} replaces the thread), where a dead letter would drop a valid record.
 */
public final class InvalidRecordHandler extends DeadLetteringHandler implements ProcessingExceptionHandler {
    static final String PROCESSING_ERROR = "processing-error";
    private static final Logger LOG = LoggerFactory.getLogger(InvalidRecordHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (SchemaRegistryException.isOutage(exception)) {
            return Response.fail(); // UnsendableRecordHandler has logged it
        }
        String source = DeadLetterRecords.sourceTopic(context);
        String reason;
        if (exception instanceof InvalidEventException invalid) {
            reason = invalid.reason();
            if (logs(reason)) {
                LOG.warn(
                        "Invalid event from {} sent to {}: {}",
                        DeadLetterRecords.describeSource(context),
                        Topics.DEAD_LETTER,
                        DeadLetterLog.describe(invalid));
            }
        } else {
            reason = PROCESSING_ERROR;
            if (logs(reason)) {
                LOG.error(
                        "Processing failed for {} in {}; sent to {}",
                        DeadLetterRecords.describeSource(context),
                        context.processorNodeId(),
                        Topics.DEAD_LETTER,
                        exception);
            }
        }
        return Response.resume(deadLetters()
                .deadLetter(
                        context, source, context.sourceRawKey(), context.sourceRawValue(), reason, exception, null));
    }
}
