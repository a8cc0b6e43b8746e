package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.Events;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.FreePort;
import io.healthstream.testsupport.HealthstreamApp;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 7 of issue 13 on a real broker: an instance started while the schema registry is down waits,
 * not ready and saying why, and processes once the registry is up 10 s later.
 */
class RegistryOutageAtStartIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    @DisplayName("an instance started during a registry outage waits, then runs and processes")
    void startsOnceTheRegistryIsBack(@TempDir Path work) throws Exception {
        int registryPort = FreePort.pick();
        int httpPort = FreePort.pick();
        String registryUrl = "http://127.0.0.1:" + registryPort;
        Settings settings = Settings.of(Map.of("bootstrap.servers", KAFKA.bootstrapServers()));
        try (Admin admin = ClusterPreflight.admin(settings)) {
            TopicProvisioner.createAll(admin, Optional.of(1), Optional.of((short) 1), settings.topicRetention());
        }

        CompletableFuture<HealthstreamApp> starting = CompletableFuture.supplyAsync(() -> HealthstreamApp.start(
                KAFKA.bootstrapServers(),
                registryUrl,
                work.resolve("state"),
                Map.of(
                        "application.id",
                        "registry-outage-it",
                        "http.port",
                        Integer.toString(httpPort),
                        "kafka.application.server",
                        "127.0.0.1:" + httpPort)));
        String ready = "http://127.0.0.1:" + httpPort + "/health/ready";
        // Not ready from the start ("starting"), then saying why once the first call to the registry has failed.
        await().atMost(DEADLINE)
                .ignoreExceptions()
                .until(() -> HttpCalls.get(ready)
                        .json()
                        .path("reason")
                        .asText()
                        .startsWith("waiting for the schema registry at " + registryUrl + ": "));
        assertThat(HttpCalls.get(ready).status()).isEqualTo(503);
        Thread.sleep(Duration.ofSeconds(10).toMillis());
        assertThat(starting).isNotDone();

        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(registryPort);
                HealthstreamApp app = starting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            app.awaitRunning(DEADLINE);
            try (AvroPublisher publisher = new AvroPublisher(
                    KAFKA.bootstrapServers(), AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
                publisher.publish(
                        Topics.USAGE_EVENTS,
                        "acc-1",
                        Events.usage()
                                .account("acc-1")
                                .at(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2)))
                                .avro());
            }
            await().atMost(DEADLINE)
                    .until(() ->
                            HttpCalls.get(app.baseUrl() + "/accounts/acc-1").status() == 200);
            assertThat(HttpCalls.get(ready).status()).isEqualTo(200);
        }
    }
}
