package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.topology.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defect 1 of issue 13: topics keep their records at least as long as the model reaches back. */
class TopicRetentionTest {
    @Test
    void inputsKeepTheLongestHorizonPlusTheAllowedLatenessByDefault() {
        TopicRetention retention = Settings.defaults().topicRetention();

        // NPS reaches back 90 days; an hour of allowed lateness rounds up to a 91st day.
        assertThat(retention.input()).contains(Duration.ofDays(91));
        assertThat(retention.output()).contains(Duration.ofDays(91));
        assertThat(retention.outputBytes()).isEmpty();
        assertThat(retention.configsFor(Topics.USAGE_EVENTS)).containsExactly(Map.entry("retention.ms", "7862400000"));
        assertThat(retention.configsFor(Topics.DEAD_LETTER)).containsExactly(Map.entry("retention.ms", "2592000000"));
    }

    @Test
    void aLongerModelWindowLengthensTheDefault() {
        TopicRetention retention = Settings.of(Map.of("nps.window.days", "180")).topicRetention();

        assertThat(retention.input()).contains(Duration.ofDays(181));
    }

    @Test
    void aRetentionShorterThanTheModelNeedsIsOneLineNamingTheMinimum() {
        assertThatThrownBy(() -> Settings.of(Map.of("topics.input.retention.days", "7")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'topics.input.retention.days': must be at least 91 (the longest input"
                        + " horizon plus input.allowed-lateness), or forever, got 7: the broker would delete events"
                        + " the model still needs");
    }

    @Test
    void outputsMayBeBoundedBySizeAndInputsKeptForever() {
        TopicRetention retention = Settings.of(Map.of(
                        "topics.input.retention.days", "forever",
                        "topics.output.retention.days", "14",
                        "topics.output.retention.bytes", "1073741824"))
                .topicRetention();

        assertThat(retention.configsFor(Topics.NPS_RESPONSES)).containsEntry("retention.ms", "-1");
        assertThat(retention.configsFor(Topics.ACCOUNT_HEALTH))
                .containsEntry("retention.ms", Long.toString(Duration.ofDays(14).toMillis()))
                .containsEntry("retention.bytes", "1073741824");
        assertThat(retention.describe(Topics.ACCOUNT_HEALTH)).isEqualTo("14 days or 1073741824 bytes per partition");
        assertThat(retention.describe(Topics.SUBSCRIPTION_EVENTS)).isEqualTo("forever");
        assertThat(retention.outputBytes()).isEqualTo(Optional.of(1_073_741_824L));
    }

    @Test
    void healthOverridesIsCompactedAndALongOverrideMaximumAsksNothingOfTheInputs() {
        Settings settings = Settings.of(Map.of("overrides.max-days", "365"));

        assertThat(settings.topicRetention().configsFor(Topics.HEALTH_OVERRIDES))
                .containsExactly(Map.entry("cleanup.policy", "compact"));
        assertThat(settings.topicRetention().describe(Topics.HEALTH_OVERRIDES))
                .isEqualTo("compacted: the latest record per account");
        assertThat(settings.topicRetention().input()).contains(Duration.ofDays(91));
    }
}
