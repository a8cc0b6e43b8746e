package io.healthstream.topology;

import io.healthstream.serde.SchemaRegistryException;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be serialized or sent never stops the engine: it goes to the
 * dead-letter topic with the reason ({@value #TOO_LARGE}, {@value #INVALID_TIMESTAMP},
 * {@value #SERIALIZATION_ERROR}, {@value #SEND_ERROR}) and the topic it was meant for, is counted,
 * and processing resumes. Kafka Streams' own default would fail the stream thread.
 *
 * <p>What reaches this handler (Kafka Streams 4.4 {@code RecordCollectorImpl}): every exception a
 * key or value serializer throws except {@link ClassCastException} (a wiring bug, always fatal), to
 * {@link #handleSerializationError}; and every failed send, to {@link #handleError}, except those
 * Streams decides alone: authentication, authorization, {@code SecurityDisabledException},
 * {@code InvalidTopicException}, {@code UnknownServerException}, {@code SerializationException},
 * {@code OffsetMetadataTooLarge} and {@link IllegalStateException} stop the thread;
 * {@code ProducerFencedException}, {@code InvalidPidMappingException},
 * {@code InvalidProducerEpochException} and {@code OutOfOrderSequenceException} migrate the task;
 * {@code TransactionAbortedException} is swallowed. So {@link RecordTooLargeException} from the
 * producer's own size check does arrive here. Under exactly-once, though, a send the producer or the
 * broker refuses poisons the transaction, so {@link GuardedProducer} refuses such records first;
 * see there.
 *
 * <p>Retriable exceptions (timeouts, not enough replicas, leader changes) keep Kafka Streams' default,
 * {@code RETRY}: the record is fine and the cluster is not, so the task restarts from its last commit
 * and nothing is lost, where a dead letter would drop a good record from the output.
 *
 * <p>Internal topics: a record for a repartition topic ({@code ...-kpi-deltas-repartition}) is
 * handled like an output record: dead-lettered with its serialized bytes, and the downstream
 * sub-topology (the portfolio KPIs) never sees it. A record for a changelog topic is a store update
 * that Streams logs outside any processor: the handler gets no record context (topic null, partition
 * and offset -1, processor null), and no dead letter can be returned for it, because Streams needs a
 * processor context to account for a successful dead-letter send and would fail the thread. It is
 * skipped and counted as {@value #CHANGELOG_UNSENDABLE}: the local store keeps the update, the
 * changelog does not, so a restore brings back that key's previous value until its next update.
 *
 * <p>A dead letter that cannot be sent either (the handler is asked again, for
 * {@code healthstream-dlq}) is skipped and counted as {@value DeadLetterRecords#DLQ_UNSENDABLE}.
 */
public final class UnsendableRecordHandler extends DeadLetteringHandler implements ProductionExceptionHandler {
    public static final String TOO_LARGE = "output-too-large";
    public static final String INVALID_TIMESTAMP = "output-invalid-timestamp";
    public static final String SERIALIZATION_ERROR = "output-serialization-error";
    public static final String SEND_ERROR = "output-send-error";
    public static final String CHANGELOG_UNSENDABLE = "changelog-unsendable";
    private static final String CHANGELOG_SUFFIX = "-changelog";
    private static final Logger LOG = LoggerFactory.getLogger(UnsendableRecordHandler.class);

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry(); // as DefaultProductionExceptionHandler: see the class comment
        }
        String source = DeadLetterRecords.sourceTopic(context);
        if (Topics.DEAD_LETTER.equals(record.topic())) {
            LOG.error(
                    "A dead letter from {} could not be sent to {} either; skipped: {}",
                    source,
                    Topics.DEAD_LETTER,
                    exception.toString());
            deadLetters().count(source, DeadLetterRecords.DLQ_UNSENDABLE);
            return Response.resume();
        }
        String reason = reasonFor(exception);
        if (record.topic().endsWith(CHANGELOG_SUFFIX)) {
            LOG.error(
                    "A store update could not be written to {} ({}); the local store keeps it, a restore will not: {}",
                    record.topic(),
                    reason,
                    exception.toString());
            deadLetters().count(record.topic(), CHANGELOG_UNSENDABLE);
            return Response.resume();
        }
        if (logs(reason)) {
            LOG.warn(
                    "Output record for {} from {} could not be sent ({}), sent to {}: {}",
                    record.topic(),
                    DeadLetterRecords.describeSource(context),
                    reason,
                    Topics.DEAD_LETTER,
                    DeadLetterLog.describe(exception));
        }
        return Response.resume(deadLetters()
                .deadLetter(context, source, record.key(), record.value(), reason, exception, record.topic()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(
            ErrorHandlerContext context,
            ProducerRecord record,
            Exception exception,
            SerializationExceptionOrigin origin) {
        if (SchemaRegistryException.isOutage(exception)) {
            // A valid record whose schema could not be registered or looked up: retried from the last commit.
            LOG.error(
                    "Schema registry unavailable while writing to {}; failing so the record is retried: {}",
                    record.topic(),
                    DeadLetterLog.describe(exception));
            return Response.fail();
        }
        String source = DeadLetterRecords.sourceTopic(context);
        if (logs(SERIALIZATION_ERROR)) {
            LOG.warn(
                    "Output record for {} from {} could not be serialized ({} {}), sent to {}: {}",
                    record.topic(),
                    DeadLetterRecords.describeSource(context),
                    SERIALIZATION_ERROR,
                    origin.name().toLowerCase(Locale.ROOT),
                    Topics.DEAD_LETTER,
                    DeadLetterLog.describe(exception));
        }
        // The unserializable objects have no bytes; the dead letter carries the input record that led to them
        // (none during punctuation), like the input-side dead letters.
        return Response.resume(deadLetters()
                .deadLetter(
                        context,
                        source,
                        context.sourceRawKey(),
                        context.sourceRawValue(),
                        SERIALIZATION_ERROR,
                        exception,
                        record.topic()));
    }

    static String reasonFor(Exception exception) {
        if (exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException) {
            return TOO_LARGE;
        }
        if (exception instanceof InvalidTimestampException
                || exception instanceof InvalidRecordException
                        && String.valueOf(exception.getMessage())
                                .toLowerCase(Locale.ROOT)
                                .contains("timestamp")) {
            return INVALID_TIMESTAMP;
        }
        return SEND_ERROR;
    }
}
