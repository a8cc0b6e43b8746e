package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPreflightTest {
    @Test
    void anUnreachableBrokerIsOneLineWithinSeconds() {
        Settings settings = Settings.of(Map.of("bootstrap.servers", "127.0.0.1:1"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> ClusterPreflight.requireBroker(settings))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot reach the Kafka broker at 127.0.0.1:1 (no address accepts connections)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBootstrapEntryWithoutPortIsNamed() {
        Settings settings = Settings.of(Map.of("bootstrap.servers", "localhost"));

        assertThatThrownBy(() -> ClusterPreflight.requireBroker(settings))
                .isInstanceOf(UserError.class)
                .hasMessage("bootstrap.servers entry is not host:port: 'localhost'");
    }

    @Test
    void anUnreachableRegistryIsOneLine() {
        Settings settings = Settings.of(Map.of("schema.registry.url", "http://127.0.0.1:1"));

        assertThatThrownBy(() -> ClusterPreflight.requireRegistry(settings))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot reach the schema registry at http://127.0.0.1:1");
    }
}
