package io.healthstream.testdata;

import io.healthstream.app.Settings;
import io.healthstream.scoring.ModelConfig;
import java.util.Map;

/**
 * Models for domain tests, written as the configuration writes them and read by the real parser:
 * {@code Models.with(Map.of("usage.expected.plan.pro", "100"))}.
 */
public final class Models {
    private Models() {}

    /**
     * Two segments over the default model, for the segment tests. enterprise (plan enterprise): usage weighs 0.7 and 200 is expected, so the worked example's usage of 100
     * is 50 and the score 0.7x50 + 0.1x100 + 0.1x100 + 0.1x90 = 64. sales-led (attribute): an active account's
     * billing is 50, so 0.4x100 + 0.3x50 + 0.2x100 + 0.1x90 = 84. Anyone else: the default model's 99.
     */
    public static final Map<String, String> SEGMENTS = Map.ofEntries(
            Map.entry("usage.impact.report_exported", "5"),
            Map.entry("segments.order", "enterprise,sales-led"),
            Map.entry("segments.enterprise.match.plan", "enterprise"),
            Map.entry("segments.enterprise.model.model.weights.usage", "0.7"),
            Map.entry("segments.enterprise.model.model.weights.billing", "0.1"),
            Map.entry("segments.enterprise.model.model.weights.support", "0.1"),
            Map.entry("segments.enterprise.model.model.weights.nps", "0.1"),
            Map.entry("segments.enterprise.model.usage.expected.plan.enterprise", "200"),
            Map.entry("segments.sales-led.match.attribute", "sales-led"),
            Map.entry("segments.sales-led.model.billing.score.active", "50"));

    /** The default model with {@code settings} on top. */
    public static ModelConfig with(Map<String, String> settings) {
        return Settings.of(settings).model();
    }
}
