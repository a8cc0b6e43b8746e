package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.ScriptedPortfolio;
import io.healthstream.testsupport.AvroPublisher;
import io.healthstream.testsupport.FreePort;
import io.healthstream.testsupport.HttpCalls;
import io.healthstream.testsupport.KafkaBrokerExtension;
import io.healthstream.tools.registry.EmbeddedSchemaRegistry;
import io.healthstream.topology.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code healthstream run} in a JVM of its own, against the broker's SASL_PLAINTEXT listener, with every kind
 * of secret configured: the SASL password, the registry's basic auth (as a setting and in the URL), TLS
 * passwords and the API token. Every log line (everything at INFO, Kafka's own config dumps included) and
 * every endpoint's answer is searched for each of them.
 */
class SecretsIT {
    private static final String SASL_PASSWORD = "sasl-pw-7c1e9b2d4f";
    private static final String URL_PASSWORD = "url-pw-93ab17ce50";
    private static final String BASIC_AUTH_PASSWORD = "basic-pw-5d2e8f1a77";
    private static final String TRUSTSTORE_PASSWORD = "trust-pw-66f0a3c9d1";
    private static final String KEYSTORE_PASSWORD = "keystore-pw-1b2c3d4e5f";
    private static final String KEY_PASSWORD = "key-pw-a9b8c7d6e5";
    private static final String TOKEN = "api-token-0f1e2d3c4b5a69788796";
    private static final List<String> SECRETS = List.of(
            SASL_PASSWORD,
            URL_PASSWORD,
            BASIC_AUTH_PASSWORD,
            TRUSTSTORE_PASSWORD,
            KEYSTORE_PASSWORD,
            KEY_PASSWORD,
            TOKEN);
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.withSaslPlain(Map.of("hs", SASL_PASSWORD));

    @TempDir
    Path dir;

    @Test
    @DisplayName("over SASL_PLAINTEXT, no secret appears in any log line, in /metrics or in any other answer")
    void noSecretInLogsOrEndpoints() throws Exception {
        AvroPublisher.createTopics(
                KAFKA.bootstrapServers(),
                1,
                Stream.of(Topics.INPUTS, Topics.OUTPUTS, List.of(Topics.DEAD_LETTER))
                        .flatMap(List::stream)
                        .toList());
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(0)) {
            int port = FreePort.pick();
            String baseUrl = "http://127.0.0.1:" + port;
            Path log = dir.resolve("healthstream.log");
            Process healthstream = start(config(registry, port), log);
            List<String> answers = new ArrayList<>();
            try {
                await("healthstream ready over SASL_PLAINTEXT (log: " + log + ")")
                        .atMost(Duration.ofSeconds(90))
                        .ignoreExceptions() // connection refused until the endpoint listens
                        .until(() -> HttpCalls.get(baseUrl + "/health/ready").status() == 200);
                try (AvroPublisher publisher = new AvroPublisher(
                        KAFKA.bootstrapServers(),
                        AvroSerdes.fromConfig(Map.of("schema.registry.url", registry.url())))) {
                    ScriptedPortfolio.publish(publisher, T0);
                }
                await("every account scored, read over SASL")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> HttpCalls.get(baseUrl + "/accounts", Optional.of(TOKEN))
                                        .json()
                                        .path("accounts")
                                        .size()
                                == ScriptedPortfolio.ACCOUNTS.size());
                for (String path : List.of(
                        "/metrics", "/info", "/topology", "/topology?format=text", "/accounts", "/health/ready")) {
                    answers.add(
                            HttpCalls.get(baseUrl + path, Optional.of(TOKEN)).body());
                }
                answers.add(HttpCalls.get(baseUrl + "/metrics", Optional.of("wrong-token-0123456789"))
                        .body());
            } finally {
                healthstream.destroy();
                assertThat(healthstream.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            String logged = Files.readString(log, StandardCharsets.UTF_8);

            assertThat(logged)
                    .as("what shows the secrets were configured and used")
                    .contains("sasl.jaas.config=[hidden]")
                    .contains("schema.registry.url=http://[hidden]@127.0.0.1")
                    .contains("sasl.mechanism = PLAIN");
            assertThat(logged)
                    .as("Kafka Streams' warning that the global processing exception handler is off")
                    .doesNotContain("not enabled for the GlobalThread");
            assertThat(answers.get(0)).contains("healthstream_events_consumed_total");
            for (String secret : SECRETS) {
                assertThat(logged).as("the log").doesNotContain(secret);
                assertThat(answers).as("the HTTP answers").noneMatch(answer -> answer.contains(secret));
            }
        }
    }

    private Path config(EmbeddedSchemaRegistry registry, int port) throws Exception {
        Path config = dir.resolve("app.properties");
        String registryUrl = registry.url().replace("http://", "http://reg-user:" + URL_PASSWORD + "@");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "application.id=secrets-it",
                        "bootstrap.servers=" + KAFKA.saslBootstrapServers(),
                        "security.protocol=SASL_PLAINTEXT",
                        "sasl.mechanism=PLAIN",
                        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"hs\""
                                + " password=\"" + SASL_PASSWORD + "\";",
                        "ssl.truststore.password=" + TRUSTSTORE_PASSWORD,
                        "ssl.keystore.password=" + KEYSTORE_PASSWORD,
                        "ssl.key.password=" + KEY_PASSWORD,
                        "schema.registry.url=" + registryUrl,
                        "basic.auth.user.info=reg-user:" + BASIC_AUTH_PASSWORD,
                        "http.port=" + port,
                        "http.auth.token=" + TOKEN,
                        "kafka.state.dir=" + dir.resolve("state"),
                        ""));
        return config;
    }

    /** {@code healthstream run} in its own JVM, logging everything at INFO (Kafka included) to {@code log}. */
    private Process start(Path config, Path log) throws Exception {
        Path logConfig = dir.resolve("log4j2-all-info.xml");
        Files.writeString(logConfig, """
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="Console" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Root level="INFO"><AppenderRef ref="Console"/></Root>
                  </Loggers>
                </Configuration>
                """);
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dlog4j2.configurationFile=" + logConfig,
                        Main.class.getName(),
                        "run",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith(ConfigSources.ENV_PREFIX));
        return builder.start();
    }
}
