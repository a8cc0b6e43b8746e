package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.serde.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** Defect 7 of issue 13: a registry outage while running never stops the instance. */
class StreamsRunnerTest {
    @Test
    void aRegistryOutageReplacesTheStreamThreadSoTheInstanceResumesByItself() {
        Exception outage = new StreamsException(new SerializationException(
                "Could not fetch schema id 3 on topic usage-events",
                new SchemaRegistryException(503, SchemaRegistryException.NO_ERROR_CODE, "HTTP 503")));

        assertThat(StreamsRunner.responseTo(outage)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anyOtherFailureStopsTheInstance() {
        Exception bug = new StreamsException(new IllegalStateException("a bug"));
        Exception unknownSchema = new StreamsException(
                new SerializationException("Unknown schema id 3", SchemaRegistryException.schemaNotFound("id 3")));

        assertThat(StreamsRunner.responseTo(bug)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(StreamsRunner.responseTo(unknownSchema)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
