package io.healthstream.topology;

import static io.healthstream.topology.DeadLetterRecordsTest.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvalidRecordHandlerTest {
    private static final byte[] SOURCE_KEY = "acc-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOURCE_VALUE = {0, 0, 0, 0, 1, 42};

    private final List<String> counted = new ArrayList<>();
    private final InvalidRecordHandler handler = new InvalidRecordHandler();

    InvalidRecordHandlerTest() {
        handler.configure(Map.of(
                DeadLetterListener.CONFIG, (DeadLetterListener) (topic, reason) -> counted.add(topic + ":" + reason)));
    }

    @Test
    void anInvalidEventIsDeadLetteredWithItsReasonAndProcessingResumes() {
        Response response = handler.handleError(
                TestErrorContext.processing(Topics.USAGE_EVENTS, 7, SOURCE_KEY, SOURCE_VALUE),
                new Record<>("acc-1", "event", 0L),
                new InvalidEventException("negative-count", "count must not be negative, got -3"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTER);
            assertThat(dead.value()).isEqualTo(SOURCE_VALUE);
            assertThat(header(dead.headers(), DeadLetterRecords.REASON)).isEqualTo("negative-count");
        });
        assertThat(counted).containsExactly("usage-events:negative-count");
    }

    @Test
    @DisplayName("a KPI delta whose output's schema the registry cannot take while it is down fails, to be retried, not"
            + " dead-lettered")
    void aRegistryOutageWhileForwardingFailsInsteadOfDeadLettering() {
        // What reaches the handler when UnsendableRecordHandler fails a serialization during the processor's forward.
        StreamsException failedSend = new StreamsException(
                "Error encountered sending record to topic saas-kpis",
                new SerializationException(
                        "Schema registry failed for subject saas-kpis-value",
                        new SchemaRegistryException(
                                0,
                                SchemaRegistryException.NO_ERROR_CODE,
                                "POST /subjects failed: Connection refused")));

        Response response = handler.handleError(
                TestErrorContext.processing("healthstream-kpi-deltas-repartition", 5, SOURCE_KEY, SOURCE_VALUE),
                new Record<>("all", "delta", 0L),
                failedSend);

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counted).isEmpty();
    }
}
