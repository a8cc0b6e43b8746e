package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.api.ApiSettings;
import io.healthstream.scoring.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
    private static final String TOKEN = "s3cret-token-0123456789";

    @Test
    void listensOnLoopbackOnPort8080WithoutATokenByDefault() {
        assertThat(Settings.defaults().api()).isEqualTo(new ApiSettings("127.0.0.1", 8080, Optional.empty()));
    }

    @Test
    void anAddressOtherHostsReachNeedsAToken() {
        assertThatThrownBy(() -> Settings.of(Map.of("http.bind", "0.0.0.0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'http.bind': '0.0.0.0' is reachable from other hosts: set"
                        + " http.auth.token too, or listen on 127.0.0.1 only");
        assertThat(Settings.of(Map.of("http.bind", "0.0.0.0", "http.auth.token", TOKEN))
                        .api()
                        .bind())
                .isEqualTo("0.0.0.0");
        assertThat(Settings.of(Map.of("http.bind", "localhost")).api().bind()).isEqualTo("localhost");
        assertThat(Settings.of(Map.of("http.bind", "::1")).api().bind()).isEqualTo("::1");
    }

    @Test
    void tokenComesFromTheEnvironmentToo() {
        Settings settings =
                Settings.load(null, Map.of("HEALTHSTREAM_HTTP_AUTH_TOKEN", TOKEN, "HEALTHSTREAM_HTTP_PORT", "9090"));
        assertThat(settings.api().authToken()).contains(TOKEN);
        assertThat(settings.api().port()).isEqualTo(9090);
    }

    @Test
    void blankTokenMeansNoToken() {
        assertThat(Settings.of(Map.of("http.auth.token", " ")).api().authToken())
                .isEmpty();
    }

    @Test
    void tokenIsHiddenInTheLoggedConfigurationAndInTheRecord() {
        Settings settings = Settings.of(Map.of("http.auth.token", TOKEN));
        assertThat(settings.redacted()).doesNotContain(TOKEN).contains("http.auth.token=[hidden]");
        assertThat(settings.api().toString()).doesNotContain(TOKEN);
    }

    @Test
    void portOutsideTheRangeIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> Settings.of(Map.of("http.port", "70000")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> Settings.of(Map.of("http.port", "web")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("http.port");
    }

    @Test
    void blankBindAddressIsRejected() {
        assertThatThrownBy(() -> Settings.of(Map.of("http.bind", "")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("http.bind");
    }

    @Test
    void badTokenIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> Settings.of(Map.of("http.auth.token", "short")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("http.auth.token")
                .hasMessageNotContaining("'short'");
        assertThatThrownBy(() -> Settings.of(Map.of("http.auth.token", "has spaces in the middle of it")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageNotContaining("spaces");
    }

    @Test
    void noWriteTokenByDefaultSoNoWrites() {
        assertThat(Settings.defaults().api().writeToken()).isEmpty();
    }

    @Test
    void theWriteTokenIsASecretOfItsOwn() {
        String writer = "w-" + TOKEN;
        Settings settings = Settings.of(Map.of("http.auth.token", TOKEN, "http.auth.write-token", writer));

        assertThat(settings.api().writeToken()).contains(writer);
        assertThat(settings.redacted()).doesNotContain(writer).contains("http.auth.write-token=[hidden]");
        assertThat(settings.api().toString()).doesNotContain(writer);
    }

    @Test
    void aShortWriteTokenOrTheReadTokenAgainIsRefused() {
        assertThatThrownBy(() -> Settings.of(Map.of("http.auth.write-token", "short")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("http.auth.write-token")
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> Settings.of(Map.of("http.auth.token", TOKEN, "http.auth.write-token", TOKEN)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'http.auth.write-token': must differ from http.auth.token, or every"
                        + " reader could write");
    }

    @Test
    void overridesLastAtMost90DaysUnlessSetWithinAYear() {
        assertThat(Settings.defaults().topology().limits().maxOverride()).isEqualTo(Duration.ofDays(90));
        assertThat(Settings.of(Map.of("overrides.max-days", "30"))
                        .topology()
                        .limits()
                        .maxOverride())
                .isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> Settings.of(Map.of("overrides.max-days", "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("overrides.max-days");
        assertThatThrownBy(() -> Settings.of(Map.of("overrides.max-days", "366")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("1 to 365");
    }
}
