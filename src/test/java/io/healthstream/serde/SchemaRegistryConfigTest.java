package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void defaultsApplyWhenOnlyTheUrlIsGiven() {
        SchemaRegistryConfig config = SchemaRegistryConfig.forUrl("http://registry:8081");

        assertThat(config.autoRegister()).isTrue();
        assertThat(config.basicAuth()).isEmpty();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.cacheCapacity()).isEqualTo(1000);
    }

    @Test
    void stringValuesAreParsedAndUnrelatedKeysIgnored() {
        SchemaRegistryConfig config = SchemaRegistryConfig.from(Map.of(
                SchemaRegistryConfig.URL,
                "http://registry:8081",
                SchemaRegistryConfig.AUTO_REGISTER_SCHEMAS,
                "false",
                SchemaRegistryConfig.REQUEST_TIMEOUT_MS,
                "2500",
                SchemaRegistryConfig.MAX_RETRIES,
                "0",
                "bootstrap.servers",
                "localhost:9092"));

        assertThat(config.autoRegister()).isFalse();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.maxRetries()).isZero();
    }

    @Test
    void missingUrlIsAConfigError() {
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void urlWithoutSupportedSchemeIsAConfigError() {
        assertThatThrownBy(() -> SchemaRegistryConfig.forUrl("registry:8081"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://, https:// or mock://");
    }

    @Test
    void passwordNeverAppearsInToString() {
        SchemaRegistryConfig config = SchemaRegistryConfig.from(Map.of(
                SchemaRegistryConfig.URL, "http://r:8081", SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "svc:s3cret"));

        assertThat(config.basicAuth())
                .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("svc:s3cret"));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void userInfoWithoutColonIsRejected() {
        assertThatThrownBy(() -> SchemaRegistryConfig.from(Map.of(
                        SchemaRegistryConfig.URL,
                        "http://r:8081",
                        SchemaRegistryConfig.BASIC_AUTH_USER_INFO,
                        "justauser")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("justauser");
    }
}
