package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.ModelConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSettingsTest {

    private static void assertRejected(Map<String, String> settings, String key) {
        assertThatThrownBy(() -> Settings.of(settings))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'" + key + "'")
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo(key));
    }

    @Test
    void defaultWeightsAreFortyThirtyTwentyTen() {
        assertThat(ModelConfig.defaults().weights()).isEqualTo(new ModelConfig.Weights(0.40, 0.30, 0.20, 0.10));
    }

    @Test
    void defaultBandsAreFortySeventyHundred() {
        assertThat(ModelConfig.defaults().bands()).isEqualTo(new ModelConfig.Bands(40, 70, 100));
    }

    @Test
    void defaultUsageRules() {
        ModelConfig.UsageRules usage = ModelConfig.defaults().usage();

        assertThat(usage.window()).isEqualTo(Duration.ofDays(30));
        assertThat(usage.defaultImpact()).isEqualTo(1.0);
        assertThat(usage.impactByAction()).isEmpty();
        assertThat(usage.defaultExpected()).isEqualTo(100.0);
        assertThat(usage.expectedByPlan()).isEmpty();
        assertThat(usage.scoreCap()).isEqualTo(200.0);
    }

    @Test
    void defaultBillingRules() {
        assertThat(ModelConfig.defaults().billing()).isEqualTo(new ModelConfig.BillingRules(100, 80, 20, 0, 15));
    }

    @Test
    void defaultSupportPenalties() {
        assertThat(ModelConfig.defaults().support()).isEqualTo(new ModelConfig.SupportRules(5, 10, 20, 30, 10));
    }

    @Test
    void defaultNpsRules() {
        assertThat(ModelConfig.defaults().nps()).isEqualTo(new ModelConfig.NpsRules(Duration.ofDays(90), 70));
    }

    @Test
    void defaultTouchThresholdsInMinorUnits() {
        assertThat(ModelConfig.defaults().touch()).isEqualTo(new ModelConfig.TouchRules(5_000, 50_000));
    }

    @Test
    void defaultSignalThresholds() {
        assertThat(ModelConfig.defaults().signals())
                .isEqualTo(new ModelConfig.SignalRules(50, Duration.ofDays(14), Duration.ofDays(7)));
    }

    @Test
    void defaultOnboardingStepsAndEmitDelta() {
        ModelConfig config = ModelConfig.defaults();

        assertThat(config.onboardingSteps()).containsExactly("signup", "connect_api", "first_report");
        assertThat(config.emitMinDelta()).isEqualTo(1.0);
    }

    @Test
    void settingsOverrideDefaults() {
        ModelConfig config = Settings.of(Map.of(
                        "model.weights.usage",
                        "0.5",
                        "model.weights.billing",
                        "0.2",
                        "support.penalty.urgent",
                        "40",
                        "nps.window.days",
                        "60"))
                .model();

        assertThat(config.weights()).isEqualTo(new ModelConfig.Weights(0.5, 0.2, 0.2, 0.1));
        assertThat(config.support().urgent()).isEqualTo(40.0);
        assertThat(config.nps().window()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    @DisplayName("usage.impact.<action> and usage.expected.plan.<plan> are accepted per action and per plan")
    void perActionImpactAndPerPlanExpectationAreAccepted() {
        ModelConfig.UsageRules usage = Settings.of(Map.of(
                        "usage.impact.report_exported", "5",
                        "usage.expected.plan.pro", "250"))
                .model()
                .usage();

        assertThat(usage.impactOf("report_exported")).isEqualTo(5.0);
        assertThat(usage.impactOf("login")).isEqualTo(1.0);
        assertThat(usage.expectedFor("pro")).isEqualTo(250.0);
        assertThat(usage.expectedFor("starter")).isEqualTo(100.0);
    }

    @Test
    void keysOfOtherSectionsLeaveTheModelAlone() {
        ModelConfig config = Settings.of(
                        Map.of("bootstrap.servers", "localhost:9092", "application.id", "healthstream"))
                .model();

        assertThat(config).isEqualTo(ModelConfig.defaults());
    }

    @Test
    @DisplayName("weights summing to 1.1 are rejected, naming model.weights")
    void weightsNotSummingToOneAreRejected() {
        assertRejected(Map.of("model.weights.usage", "0.5"), "model.weights");
    }

    @Test
    void weightsSummingToLessThanOneAreRejected() {
        assertThatThrownBy(() -> Settings.of(Map.of("model.weights.nps", "0")).model())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'model.weights': the four weights sum to 0.9, they must sum to 1");
    }

    @Test
    void yellowBelowRedIsRejected() {
        assertRejected(Map.of("model.bands.yellow.max", "30"), "model.bands.yellow.max");
    }

    @Test
    void greenNotAboveYellowIsRejected() {
        assertRejected(Map.of("model.bands.green.max", "70"), "model.bands.green.max");
    }

    @ParameterizedTest(name = "{0}=-1 is rejected")
    @ValueSource(
            strings = {
                "model.bands.red.max", "usage.window.days", "usage.impact.default", "usage.score.cap",
                "usage.impact.login", "usage.expected.plan.pro", "billing.score.trial", "billing.contraction.penalty",
                "support.penalty.urgent", "support.penalty.escalated", "nps.no-data.score", "nps.window.days",
                "signals.inactivity.days", "signals.usage-drop.percent", "health.emit.min-delta", "touch.low.max-mrr"
            })
    void negativeNumbersAreRejected(String key) {
        assertRejected(Map.of(key, "-1"), key);
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource({
        "usage.window.days,        thirty",
        "model.weights.usage,      40%",
        "billing.score.active,     ''",
        "usage.impact.report_exported, high",
        "usage.expected.plan.pro,  lots",
        "signals.inactivity.days,  NaN"
    })
    void nonNumbersAreRejected(String key, String value) {
        assertRejected(Map.of(key, value), key);
    }

    @ParameterizedTest(name = "unknown key {0} is rejected")
    @ValueSource(
            strings = {
                "model.weights.engagement", "model.bands.orange.max", "usage.windw.days", "usage.impact.",
                "usage.expected.pro", "billing.score.paused", "support.penalty.critical", "nps.windows.days",
                "signals.inactive.days"
            })
    void unknownKeysUnderModelNamespacesAreRejected(String key) {
        assertRejected(Map.of(key, "1"), key);
    }

    @Test
    void unknownKeyMessageNamesTheNearestKnownKey() {
        assertThatThrownBy(() -> Settings.of(Map.of("nps.windows.days", "90")))
                .hasMessage("invalid setting 'nps.windows.days': unknown key; did you mean nps.window.days?");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"usage.window.days", "nps.window.days", "usage.expected.default", "usage.expected.plan.pro"})
    void zeroIsRejectedWhereItWouldDivideOrEmptyAWindow(String key) {
        assertRejected(Map.of(key, "0"), key);
    }

    @Test
    void fractionalDaysAreRejected() {
        assertRejected(Map.of("signals.onboarding-stalled.days", "7.5"), "signals.onboarding-stalled.days");
    }

    @Test
    void usageDropAboveHundredPercentIsRejected() {
        assertRejected(Map.of("signals.usage-drop.percent", "150"), "signals.usage-drop.percent");
    }

    @Test
    void highTouchThresholdBelowLowTouchIsRejected() {
        assertRejected(Map.of("touch.high.min-mrr", "4000"), "touch.high.min-mrr");
    }

    @Test
    void valuesAreTrimmed() {
        assertThat(Settings.of(Map.of("usage.window.days", " 14 "))
                        .model()
                        .usage()
                        .window())
                .isEqualTo(Duration.ofDays(14));
    }
}
