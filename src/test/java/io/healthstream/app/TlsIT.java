package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.ScriptedPortfolio;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.HealthstreamApp;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.TestCertificates;
import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on the broker's TLS listener, trusting a certificate made with keytool, configured as documented. */
class TlsIT {
    private static final String TOKEN = "tls-it-token-0123456789";
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    @DisplayName("security.protocol=SSL with a truststore: every account is scored over TLS")
    void scoresOverTls() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "changeit-7f3a91");
        try (EmbeddedKafkaBroker broker =
                        EmbeddedKafkaBroker.startWithSsl(certificates.keystore(), certificates.password());
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0)) {
            AvroPublisher.createTopics(
                    broker.bootstrapServers(),
                    1,
                    Stream.of(Topics.INPUTS, Topics.OUTPUTS, List.of(Topics.DEAD_LETTER))
                            .flatMap(List::stream)
                            .toList());
            String tlsBootstrap = broker.sslBootstrapServers().orElseThrow();
            try (HealthstreamApp app = HealthstreamApp.start(
                            tlsBootstrap,
                            registry.url(),
                            dir.resolve("state"),
                            Map.of(
                                    "application.id",
                                    "tls-it",
                                    "http.auth.token",
                                    TOKEN,
                                    "security.protocol",
                                    "SSL",
                                    "ssl.truststore.type",
                                    "PKCS12",
                                    "ssl.truststore.location",
                                    certificates.truststore().toString(),
                                    "ssl.truststore.password",
                                    certificates.password()));
                    AvroPublisher publisher = new AvroPublisher(
                            broker.bootstrapServers(),
                            AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
                app.awaitRunning(Duration.ofSeconds(60));
                ScriptedPortfolio.publish(publisher, T0);

                await("every account scored over TLS")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> HttpCalls.get(app.baseUrl() + "/accounts", Optional.of(TOKEN))
                                        .json()
                                        .path("accounts")
                                        .size()
                                == ScriptedPortfolio.ACCOUNTS.size());
                assertThat(app.streams().metadataForLocalThreads()).isNotEmpty();
            }
        }
    }
}
