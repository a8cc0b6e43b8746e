package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelVersionTest {
    @Test
    void sameModelSettingsGiveTheSameVersionWhateverElseIsConfigured() {
        Settings replay = Settings.of(Map.of("usage.expected.plan.pro", "100", "usage.impact.report_exported", "5"));
        Settings live = Settings.of(Map.of(
                "usage.expected.plan.pro",
                "100",
                "usage.impact.report_exported",
                "5",
                "bootstrap.servers",
                "broker:9092",
                "application.id",
                "other",
                "kafka.state.dir",
                "/var/lib/hs"));

        assertThat(live.modelVersion()).isEqualTo(replay.modelVersion());
    }

    @Test
    void anotherModelSettingGivesAnotherVersion() {
        assertThat(Settings.of(Map.of("usage.expected.plan.pro", "120")).modelVersion())
                .isNotEqualTo(
                        Settings.of(Map.of("usage.expected.plan.pro", "100")).modelVersion());
    }

    @Test
    void numbersAreCompared_notSpelt_andDefaultsCountAsWritten() {
        assertThat(Settings.of(Map.of("model.weights.usage", "0.4")).modelVersion())
                .isEqualTo(Settings.of(Map.of("model.weights.usage", "0.40")).modelVersion())
                .isEqualTo(Settings.defaults().modelVersion());
    }

    @Test
    void theVersionIsTheModelsNameAndAShortSha256() {
        assertThat(Settings.defaults().modelVersion()).matches("chs-1/[0-9a-f]{12}");
        assertThat(Settings.of(Map.of("model.name", "acme-2")).modelVersion())
                .startsWith("acme-2/")
                .endsWith(Settings.defaults().modelVersion().substring("chs-1/".length()));
    }
}
