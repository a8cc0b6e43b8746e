package io.healthstream.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelVersionTest {
    @Test
    void sameModelSettingsGiveTheSameVersionWhateverElseIsConfigured() {
        Settings replay = Settings.of(Map.of("usage.expected.plan.pro", "100", "usage.impact.report_exported", "5"));
        Settings live = Settings.of(Map.of("usage.expected.plan.pro", "100", "usage.impact.report_exported", "5",
                "bootstrap.servers", "broker:9092", "application.id", "other", "kafka.state.dir", "/var/lib/hs"));

        assertThat(live.modelVersion()).isEqualTo(replay.modelVersion());
    }

    @Test
    void anotherModelSettingGivesAnotherVersion() {
        assertThat(Settings.of(Map.of("usage.expected.plan.pro", "120")).modelVersion())
                .isNotEqualTo(Settings.of(Map.of("usage.expected.plan.pro", "100")).modelVersion());
    }
}
