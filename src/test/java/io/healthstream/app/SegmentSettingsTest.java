package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Segment;
import io.healthstream.scoring.TouchModel;
import io.healthstream.scoring.intake.EventHorizons;
import io.healthstream.topology.TopologySettings;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The segments.* keys: match rules, overrides of any model key, and each segment's merged model validated. */
class SegmentSettingsTest {
    private static final Map<String, String> ENTERPRISE =
            Map.of("segments.order", "enterprise", "segments.enterprise.match.plan", "enterprise,business");

    private static Map<String, String> enterpriseWith(String... keyValues) {
        Map<String, String> settings = new HashMap<>(ENTERPRISE);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    private static Segment first(Map<String, String> settings) {
        return Settings.of(settings).topology().segments().all().get(0);
    }

    private static void assertRejected(Map<String, String> settings, String key, String problem) {
        assertThatThrownBy(() -> Settings.of(settings))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting '" + key + "': " + problem);
    }

    @Test
    void matchRulesAreReadInOrderWithTheDefaultLast() {
        Settings settings = Settings.of(Map.of(
                "segments.order", "sales-led, enterprise",
                "segments.enterprise.match.plan", "enterprise,business",
                "segments.enterprise.match.touch", "high_touch",
                "segments.sales-led.match.attribute", "sales-led"));

        List<Segment> segments = settings.topology().segments().all();

        assertThat(segments).extracting(Segment::name).containsExactly("sales-led", "enterprise", "default");
        assertThat(segments.get(1).match().plans()).containsExactlyInAnyOrder("enterprise", "business");
        assertThat(segments.get(1).match().touches()).containsExactly(TouchModel.HIGH_TOUCH);
        assertThat(segments.get(0).match().attributes()).containsExactly("sales-led");
        assertThat(segments.get(2).model()).isEqualTo(settings.model());
    }

    @Test
    @DisplayName("a segment overrides weights, impacts, expected usage, thresholds and bands; the rest is the base")
    void overridesAnyModelKeyOnTopOfTheBase() {
        ModelConfig model = first(enterpriseWith(
                        "usage.impact.login", "2",
                        "segments.enterprise.model.model.weights.usage", "0.5",
                        "segments.enterprise.model.model.weights.nps", "0",
                        "segments.enterprise.model.usage.impact.report_exported", "7",
                        "segments.enterprise.model.usage.expected.plan.enterprise", "400",
                        "segments.enterprise.model.signals.inactivity.days", "30",
                        "segments.enterprise.model.model.bands.red.max", "55",
                        "segments.enterprise.model.health.emit.min-delta", "3"))
                .model();

        assertThat(model.weights()).isEqualTo(new ModelConfig.Weights(0.5, 0.3, 0.2, 0));
        assertThat(model.usage().impactOf("report_exported")).isEqualTo(7);
        assertThat(model.usage().impactOf("login")).isEqualTo(2);
        assertThat(model.usage().expectedFor("enterprise")).isEqualTo(400);
        assertThat(model.signals().inactivity()).isEqualTo(Duration.ofDays(30));
        assertThat(model.bands()).isEqualTo(new ModelConfig.Bands(55, 70, 100));
        assertThat(model.emitMinDelta()).isEqualTo(3);
        assertThat(Settings.of(ENTERPRISE).model()).isEqualTo(ModelConfig.defaults());
    }

    @Test
    @DisplayName("the merged model's weights must sum to 1: the error names the segment")
    void mergedWeightsMustSumToOne() {
        assertRejected(
                enterpriseWith("segments.enterprise.model.model.weights.usage", "0.5"),
                "segments.enterprise.model.model.weights",
                "the four weights sum to 1.1, they must sum to 1");
    }

    @Test
    void mergedBandsMustBeInOrder() {
        assertRejected(
                enterpriseWith("segments.enterprise.model.model.bands.red.max", "80"),
                "segments.enterprise.model.model.bands.yellow.max",
                "bands out of order: 70.0 must be greater than model.bands.red.max (80.0)");
    }

    @Test
    void anOverriddenValueIsCheckedAsTheKeyItOverrides() {
        assertRejected(
                enterpriseWith("segments.enterprise.model.usage.window.days", "1.5"),
                "segments.enterprise.model.usage.window.days",
                "must be a whole number of days, got 1.5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "segments.enterprise.match.plann, segments.enterprise.match.plan",
        "segments.enterprise.model.model.weights.usag, segments.enterprise.model.model.weights.usage",
        "segments.enterprise.model.billing.score.pastdue, segments.enterprise.model.billing.score.past-due",
        "segments.ordr, segments.order"
    })
    @DisplayName("a typo under segments. is one line naming the nearest key of that segment")
    void typosGetTheNearestKey(String typo, String nearest) {
        assertRejected(enterpriseWith(typo, "1"), typo, "unknown key; did you mean " + nearest + "?");
    }

    @Test
    @DisplayName("the README's example segments are valid and mean what it says")
    void theReadmeExampleIsValid() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### Per-segment models");
        int start = readme.indexOf("```properties\n", section) + "```properties\n".length();
        Properties example = new Properties();
        example.load(new StringReader(readme.substring(start, readme.indexOf("```", start))));
        Map<String, String> settings = new HashMap<>();
        example.stringPropertyNames().forEach(key -> settings.put(key, example.getProperty(key)));

        List<Segment> segments = Settings.of(settings).topology().segments().all();

        assertThat(segments).extracting(Segment::name).containsExactly("enterprise", "sales-led", "default");
        assertThat(segments.get(0).model().weights().usage()).isEqualTo(0.55);
        assertThat(segments.get(1).match().touches())
                .containsExactlyInAnyOrder(TouchModel.HIGH_TOUCH, TouchModel.MID_TOUCH);
    }

    @Test
    void aSegmentCannotRenameTheModel() {
        assertRejected(
                enterpriseWith("segments.enterprise.model.model.name", "enterprise-1"),
                "segments.enterprise.model.model.name",
                "a segment cannot rename the model: model.name and model_version name the whole model");
    }

    @Test
    void aSegmentNotInTheOrderIsAMistake() {
        assertRejected(
                enterpriseWith("segments.smb.match.plan", "starter"),
                "segments.smb.match.plan",
                "segment 'smb' is not listed in segments.order");
    }

    @Test
    void aSegmentWithoutRulesWouldTakeEveryAccount() {
        assertRejected(
                Map.of("segments.order", "enterprise", "segments.enterprise.model.model.bands.red.max", "50"),
                "segments.enterprise.match.plan",
                "segment 'enterprise' needs at least one rule: match.plan, match.touch or match.attribute");
    }

    @Test
    void touchTiersAreTheEnginesThree() {
        assertRejected(
                enterpriseWith("segments.enterprise.match.touch", "premium"),
                "segments.enterprise.match.touch",
                "'premium' is not a touch tier: use [LOW_TOUCH, MID_TOUCH, HIGH_TOUCH]");
    }

    @ParameterizedTest(name = "segments.order={0}")
    @CsvSource(
            delimiter = '|',
            value = {"default", "enterprise,enterprise", "big.co"})
    void segmentNamesAreUniqueSimpleAndNotDefault(String order) {
        assertThatThrownBy(() -> Settings.of(Map.of("segments.order", order)))
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).key()).isEqualTo("segments.order"));
    }

    @Test
    @DisplayName("events are kept as long as the longest window of any segment reaches back, as accounts move")
    void horizonsCoverEverySegmentsWindows() {
        TopologySettings topology = Settings.of(enterpriseWith("segments.enterprise.model.nps.window.days", "400"))
                .topology();

        assertThat(new EventHorizons(topology.segments(), topology.kpis()).of(EventSource.NPS))
                .isEqualTo(Duration.ofDays(400));
        assertThat(TopicRetention.minimumInput(topology)).isGreaterThan(Duration.ofDays(400));
    }

    @Test
    @DisplayName("model_version covers the segments: any change to them gives another version")
    void modelVersionCoversTheSegments() {
        String base = Settings.defaults().modelVersion();
        String enterprise = Settings.of(ENTERPRISE).modelVersion();
        String overridden = Settings.of(enterpriseWith("segments.enterprise.model.model.weights.usage", "0.40"))
                .modelVersion();
        String sameWrittenOtherwise = Settings.of(
                        enterpriseWith("segments.enterprise.model.model.weights.usage", "0.4000"))
                .modelVersion();

        assertThat(Set.of(base, enterprise)).hasSize(2);
        assertThat(overridden).isEqualTo(sameWrittenOtherwise).isNotEqualTo(enterprise);
    }
}
