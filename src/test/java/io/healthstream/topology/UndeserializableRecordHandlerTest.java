package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.serde.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class UndeserializableRecordHandlerTest {
    private static final ConsumerRecord<byte[], byte[]> RECORD =
            new ConsumerRecord<>(Topics.USAGE_EVENTS, 3, 42L, "acc-1".getBytes(), new byte[] {0, 0, 0, 0, 9, 1});

    private final List<String> deadLettered = new ArrayList<>();
    private final UndeserializableRecordHandler handler = new UndeserializableRecordHandler();

    UndeserializableRecordHandlerTest() {
        handler.configure(Map.of(DeadLetterListener.CONFIG, (DeadLetterListener)
                (topic, reason) -> deadLettered.add(topic + ":" + reason)));
    }

    @Test
    void unreadableBytesAreDeadLetteredAndProcessingResumes() {
        DeserializationExceptionHandler.Response response = handler.handleError(
                context(),
                RECORD,
                new SerializationException(
                        "Unknown schema id 9 on topic usage-events",
                        new SchemaRegistryException(
                                404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema 9 not found")));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords())
                .singleElement()
                .satisfies(dead -> assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTER));
        assertThat(deadLettered).containsExactly("usage-events:deserialization-error");
    }

    @Test
    void registryOutageFailsSoTheRecordIsRetriedNotDeadLettered() {
        DeserializationExceptionHandler.Response response = handler.handleError(
                context(),
                RECORD,
                new SerializationException(
                        "Could not fetch schema id 9",
                        new SchemaRegistryException(
                                503, SchemaRegistryException.NO_ERROR_CODE, "Service Unavailable")));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(deadLettered).isEmpty();
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return RECORD.topic();
            }

            @Override
            public int partition() {
                return RECORD.partition();
            }

            @Override
            public long offset() {
                return RECORD.offset();
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "from-usage-events";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 3);
            }

            @Override
            public long timestamp() {
                return 0L;
            }

            @Override
            public byte[] sourceRawKey() {
                return RECORD.key();
            }

            @Override
            public byte[] sourceRawValue() {
                return RECORD.value();
            }
        };
    }
}
