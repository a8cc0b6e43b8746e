package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UrlUserInfoTest {
    @Test
    @DisplayName("every URL's user-info is hidden, the rest of the text kept")
    void redactsUserInfoOfEveryUrl() {
        assertThat(
                        UrlUserInfo.redact(
                                "GET https://hs:s3cr%40t@registry:8081/subjects failed; see http://other:pw@host/x and http://plain/"))
                .isEqualTo("GET https://[hidden]@registry:8081/subjects failed; see http://[hidden]@host/x"
                        + " and http://plain/");
        assertThat(UrlUserInfo.redact("mail me at a@b.c")).isEqualTo("mail me at a@b.c");
    }

    @Test
    @DisplayName("credentials in the registry URL become its basic auth and leave the URL")
    void registryUrlCredentialsBecomeBasicAuth() {
        SchemaRegistryConfig config = SchemaRegistryConfig.forUrl("https://hs-user:p%40ss:w@registry:8081");

        assertThat(config.url()).isEqualTo("https://registry:8081");
        assertThat(config.basicAuth()).get().extracting(p -> p.value()).isEqualTo("hs-user:p@ss:w");
        assertThat(config.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");
    }

    @Test
    @DisplayName("basic.auth.user.info, when set, wins over credentials in the URL")
    void explicitUserInfoWins() {
        SchemaRegistryConfig config = SchemaRegistryConfig.from(Map.of(
                SchemaRegistryConfig.URL, "http://a:b@registry:8081",
                SchemaRegistryConfig.BASIC_AUTH_USER_INFO, "c:d"));

        assertThat(config.url()).isEqualTo("http://registry:8081");
        assertThat(config.basicAuth()).get().extracting(p -> p.value()).isEqualTo("c:d");
    }
}
