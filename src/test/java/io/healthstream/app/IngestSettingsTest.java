package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.ingest.IngestSettings;
import io.healthstream.scoring.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    private static final String TOKEN = "ingest-token-0123456789";
    private static final String STRIPE_SECRET = "whsec_abcdefghijklmnop";

    @Test
    @DisplayName("off by default, on 127.0.0.1:8090, 1 MiB bodies, 100 requests a second, Stripe off, tolerance 300 s")
    void defaults() {
        IngestSettings ingest = Settings.defaults().ingest();
        assertThat(ingest.enabled()).isFalse();
        assertThat(ingest.bind()).isEqualTo("127.0.0.1");
        assertThat(ingest.port()).isEqualTo(8090);
        assertThat(ingest.token()).isEmpty();
        assertThat(ingest.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(ingest.maxRequestsPerSecond()).isEqualTo(100);
        assertThat(ingest.stripe().secret()).isEmpty();
        assertThat(ingest.stripe().tolerance()).isEqualTo(Duration.ofSeconds(300));
        assertThat(ingest.segmentActions()).isEmpty();
    }

    @Test
    @DisplayName("turned on without a token: one line naming ingest.token")
    void tokenIsRequiredWhenEnabled() {
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.enabled", "true")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'ingest.token': must be set when ingest.enabled is true: the ingest"
                        + " endpoints write to Kafka");
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.enabled", "true", "ingest.token", "short")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("invalid setting 'ingest.token': too short");
    }

    @Test
    @DisplayName("the API's listener rules apply, naming the ingest keys")
    void listenerRulesNameTheIngestKeys() {
        assertThatThrownBy(
                        () -> Settings.of(Map.of("ingest.enabled", "true", "ingest.token", TOKEN, "ingest.port", "-1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ingest.port");
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.max-body-bytes", "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("invalid setting 'ingest.max-body-bytes': must be a number of bytes");
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.max-requests-per-second", "0")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ingest.max-requests-per-second");
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.stripe.tolerance", "five minutes")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("ingest.stripe.tolerance");
    }

    @Test
    @DisplayName("Segment event names map to actions, spaces and all; a blank action is refused")
    void segmentActions() {
        Settings settings = Settings.of(Map.of(
                "ingest.segment.actions.Checklist Item Completed", "onboarding_step_completed",
                "ingest.segment.actions.logged_in", "login"));
        assertThat(settings.ingest().segmentActions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("Checklist Item Completed", "onboarding_step_completed", "logged_in", "login"));
        assertThatThrownBy(() -> Settings.of(Map.of("ingest.segment.actions.Login", " ")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'ingest.segment.actions.Login': must name a usage action");
    }

    @Test
    @DisplayName("the token and the Stripe secret are hidden in the logged configuration and in the record")
    void secretsAreHidden() {
        Settings settings = Settings.of(
                Map.of("ingest.enabled", "true", "ingest.token", TOKEN, "ingest.stripe.secret", STRIPE_SECRET));
        assertThat(settings.redacted()).doesNotContain(TOKEN).doesNotContain(STRIPE_SECRET);
        assertThat(settings.ingest().toString()).doesNotContain(TOKEN).doesNotContain(STRIPE_SECRET);
        assertThat(settings.ingest().stripe().secret()).contains(STRIPE_SECRET);
    }
}
