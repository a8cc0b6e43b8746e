package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.topology.GuardedClientSupplier;
import io.healthstream.topology.InvalidRecordHandler;
import io.healthstream.topology.UndeserializableRecordHandler;
import io.healthstream.topology.UnsendableRecordHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void exactlyOnceAndTheDeadLetterTopicAreTheDefaults() {
        Properties props = Settings.defaults().streamsProperties();
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("healthstream-dlq");
        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("healthstream");
        assertThat(props.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(0L);
    }

    @Test
    void everyKindOfBadRecordHasAHandlerAndUnsendableRecordsAreRefusedBeforeTheProducer() {
        Properties props = Settings.defaults().streamsProperties();
        assertThat(props)
                .containsEntry(
                        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        UndeserializableRecordHandler.class.getName())
                .containsEntry(
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, InvalidRecordHandler.class.getName())
                .containsEntry(
                        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        UnsendableRecordHandler.class.getName())
                .containsEntry(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, GuardedClientSupplier.class.getName());
    }

    @Test
    void kafkaPrefixedKeysPassThroughWithoutThePrefix() {
        Properties props = Settings.of(
                        Map.of("kafka.processing.guarantee", "at_least_once", "kafka.num.stream.threads", "2"))
                .streamsProperties();
        assertThat(props.get("processing.guarantee")).isEqualTo("at_least_once");
        assertThat(props.get("num.stream.threads")).isEqualTo("2");
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "billing.score.past-due=25\nusage.impact.report_exported=5\n");
        Settings settings = Settings.load(
                file,
                Map.of(
                        "HEALTHSTREAM_BILLING_SCORE_PAST_DUE", "10",
                        "HEALTHSTREAM_USAGE_IMPACT_API_CALL", "0.5",
                        "HEALTHSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "PATH", "/usr/bin"));
        assertThat(settings.model().billing().pastDue()).isEqualTo(10);
        assertThat(settings.model().usage().impactOf("api_call")).isEqualTo(0.5);
        assertThat(settings.model().usage().impactOf("report_exported")).isEqualTo(5);
        assertThat(settings.streamsProperties().get("security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void environmentVariableNamesFollowTheKeys() {
        assertThat(ConfigSources.envName("billing.score.past-due")).isEqualTo("HEALTHSTREAM_BILLING_SCORE_PAST_DUE");
    }

    @Test
    void unknownModelKeyInTheEnvironmentIsRejected() {
        assertThatThrownBy(() -> Settings.load(null, Map.of("HEALTHSTREAM_MODEL_WEIGHTS_SUPPORTT", "0.2")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("model.weights.supportt");
    }

    @Test
    void missingConfigFileIsOneClearError() {
        assertThatThrownBy(() -> Settings.load(dir.resolve("nope.properties"), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("file not found");
    }

    @Test
    void durationsAndRetentionAreValidated() {
        assertThat(Settings.of(Map.of("health.punctuate.interval", "15m"))
                        .topology()
                        .punctuateInterval())
                .isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> Settings.of(Map.of("health.punctuate.interval", "soon")))
                .hasMessageContaining("health.punctuate.interval");
        assertThatThrownBy(() -> Settings.of(Map.of("dedup.retention.days", "0")))
                .hasMessageContaining("dedup.retention.days");
    }

    @Test
    void inputPartitionsDefaultToOneAndMustBePositive() {
        assertThat(Settings.defaults().topology().inputPartitions()).isOne();
        assertThat(Settings.of(Map.of("input.partitions", "12")).topology().inputPartitions())
                .isEqualTo(12);
        assertThatThrownBy(() -> Settings.of(Map.of("input.partitions", "0"))).hasMessageContaining("input.partitions");
        assertThatThrownBy(() -> Settings.of(Map.of("input.partitions", "many")))
                .hasMessageContaining("input.partitions");
    }

    @Test
    void secretsAreNeverInTheLoggedConfiguration() {
        String logged = Settings.of(Map.of(
                        "kafka.sasl.jaas.config",
                        "org.apache...PlainLoginModule password=\"s3cret\";",
                        "basic.auth.user.info",
                        "me:hunter2",
                        "kafka.ssl.keystore.password",
                        "k3y"))
                .redacted();
        assertThat(logged).doesNotContain("s3cret", "hunter2", "k3y").contains("basic.auth.user.info=[hidden]");
    }

    @Test
    void modelVersionChangesWithTheModelSettings() {
        assertThat(Settings.defaults().modelVersion())
                .isEqualTo(Settings.of(Map.of("bootstrap.servers", "elsewhere:9092"))
                        .modelVersion())
                .isNotEqualTo(Settings.of(Map.of("nps.no-data.score", "60")).modelVersion());
    }
}
