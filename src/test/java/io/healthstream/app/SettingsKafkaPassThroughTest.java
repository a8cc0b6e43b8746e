package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsKafkaPassThroughTest {
    private static final Settings SECURED = Settings.of(Map.of(
            "bootstrap.servers", "broker-1:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";",
            "ssl.truststore.location", "/etc/kafka/truststore.jks",
            "ssl.truststore.password", "changeit",
            "kafka.num.stream.threads", "4"));

    @Test
    void plainSecurityKeysReachEveryKafkaClient() {
        assertThat(SECURED.kafkaClientProperties())
                .containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                .containsKey("sasl.jaas.config");
    }

    @Test
    void streamsGetTheSecurityKeysAndTheUnprefixedKafkaKeys() {
        assertThat(SECURED.streamsProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("num.stream.threads", "4")
                .doesNotContainKey("kafka.num.stream.threads");
    }

    @Test
    void kafkaPrefixedKeysWinOverTheDefaults() {
        Settings atLeastOnce = Settings.of(Map.of("kafka.processing.guarantee", "at_least_once"));
        assertThat(atLeastOnce.streamsProperties()).containsEntry("processing.guarantee", "at_least_once");
        assertThat(Settings.defaults().streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2");
    }

    @Test
    void otherPlainKeysStayOutOfTheClients() {
        assertThat(SECURED.kafkaClientProperties()).doesNotContainKeys("schema.registry.url", "application.id");
    }

    @Test
    void secretsNeverReachTheLog() {
        assertThat(SECURED.redacted())
                .doesNotContain("s3cret", "changeit")
                .contains(
                        "sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]", "security.protocol=SASL_SSL");
    }
}
