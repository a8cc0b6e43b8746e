package io.healthstream.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the model's keys from flat configuration and validates them, so a typo or an impossible
 * model stops the start with one line naming the key instead of scoring nonsense.
 */
public final class ModelConfigParser {
    /** Namespaces that belong to the model: any key under them that is not known is a mistake. */
    static final List<String> MODEL_NAMESPACES = List.of("model.", "usage.", "billing.", "support.", "nps.", "signals.");

    private static final String IMPACT_PREFIX = "usage.impact.";
    private static final String EXPECTED_PREFIX = "usage.expected.plan.";
    private static final double WEIGHT_TOLERANCE = 1e-9;

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("model.weights.usage", "0.40"),
            Map.entry("model.weights.billing", "0.30"),
            Map.entry("model.weights.support", "0.20"),
            Map.entry("model.weights.nps", "0.10"),
            Map.entry("model.bands.red.max", "40"),
            Map.entry("model.bands.yellow.max", "70"),
            Map.entry("model.bands.green.max", "100"),
            Map.entry("usage.window.days", "30"),
            Map.entry("usage.impact.default", "1"),
            Map.entry("usage.expected.default", "100"),
            Map.entry("usage.score.cap", "200"),
            Map.entry("billing.score.active", "100"),
            Map.entry("billing.score.trial", "80"),
            Map.entry("billing.score.past-due", "20"),
            Map.entry("billing.score.cancelled", "0"),
            Map.entry("billing.contraction.penalty", "15"),
            Map.entry("support.penalty.low", "5"),
            Map.entry("support.penalty.normal", "10"),
            Map.entry("support.penalty.high", "20"),
            Map.entry("support.penalty.urgent", "30"),
            Map.entry("support.penalty.escalated", "10"),
            Map.entry("nps.window.days", "90"),
            Map.entry("nps.no-data.score", "70"),
            Map.entry("touch.low.max-mrr", "5000"),
            Map.entry("touch.high.min-mrr", "50000"),
            Map.entry("signals.usage-drop.percent", "50"),
            Map.entry("signals.inactivity.days", "14"),
            Map.entry("signals.onboarding-stalled.days", "7"),
            Map.entry("onboarding.steps", "signup,connect_api,first_report"),
            Map.entry("health.emit.min-delta", "1.0"));

    private final Map<String, String> settings;

    private ModelConfigParser(Map<String, String> settings) {
        this.settings = settings;
    }

    /** Every key this parser knows, with its default value. */
    public static Map<String, String> defaults() {
        return DEFAULTS;
    }

    /** True when {@code key} is one the model reads (fixed or under a per-action/per-plan prefix). */
    public static boolean isModelKey(String key) {
        return DEFAULTS.containsKey(key) || isDynamicKey(key);
    }

    /**
     * Builds the model from {@code settings}, which may hold other keys too (Kafka's, the app's).
     *
     * @throws InvalidSettingException naming the first key that is unknown or out of range
     */
    public static ModelConfig parse(Map<String, String> settings) {
        return new ModelConfigParser(settings).parse();
    }

    private ModelConfig parse() {
        rejectUnknownModelKeys();
        ModelConfig.Weights weights = new ModelConfig.Weights(
                number("model.weights.usage"), number("model.weights.billing"),
                number("model.weights.support"), number("model.weights.nps"));
        double sum = weights.usage() + weights.billing() + weights.support() + weights.nps();
        if (Math.abs(sum - 1.0) > WEIGHT_TOLERANCE) {
            throw new InvalidSettingException("model.weights", "the four weights sum to "
                    + BigDecimal.valueOf(sum).round(new MathContext(9)).stripTrailingZeros().toPlainString()
                    + ", they must sum to 1");
        }
        ModelConfig.Bands bands = new ModelConfig.Bands(
                number("model.bands.red.max"), number("model.bands.yellow.max"), number("model.bands.green.max"));
        requireAbove("model.bands.yellow.max", bands.yellowMax(), "model.bands.red.max", bands.redMax());
        requireAbove("model.bands.green.max", bands.greenMax(), "model.bands.yellow.max", bands.yellowMax());

        ModelConfig.UsageRules usage = new ModelConfig.UsageRules(days("usage.window.days"),
                numbersUnder(IMPACT_PREFIX, false), number("usage.impact.default"),
                numbersUnder(EXPECTED_PREFIX, true), positive("usage.expected.default"), number("usage.score.cap"));
        ModelConfig.BillingRules billing = new ModelConfig.BillingRules(number("billing.score.active"),
                number("billing.score.trial"), number("billing.score.past-due"), number("billing.score.cancelled"),
                number("billing.contraction.penalty"));
        ModelConfig.SupportRules support = new ModelConfig.SupportRules(number("support.penalty.low"),
                number("support.penalty.normal"), number("support.penalty.high"), number("support.penalty.urgent"),
                number("support.penalty.escalated"));
        ModelConfig.NpsRules nps = new ModelConfig.NpsRules(days("nps.window.days"), number("nps.no-data.score"));

        ModelConfig.TouchRules touch = new ModelConfig.TouchRules(
                (long) number("touch.low.max-mrr"), (long) number("touch.high.min-mrr"));
        if (touch.highMinMrr() < touch.lowMaxMrr()) {
            throw new InvalidSettingException("touch.high.min-mrr",
                    "must not be below touch.low.max-mrr (" + touch.lowMaxMrr() + ")");
        }
        double dropPercent = number("signals.usage-drop.percent");
        if (dropPercent > 100) {
            throw new InvalidSettingException("signals.usage-drop.percent", "is a percentage, at most 100, got " + dropPercent);
        }
        ModelConfig.SignalRules signals = new ModelConfig.SignalRules(dropPercent,
                days("signals.inactivity.days"), days("signals.onboarding-stalled.days"));
        return new ModelConfig(weights, bands, usage, billing, support, nps, touch, signals,
                onboardingSteps(), number("health.emit.min-delta"));
    }

    private void rejectUnknownModelKeys() {
        settings.keySet().stream()
                .filter(key -> MODEL_NAMESPACES.stream().anyMatch(key::startsWith))
                .filter(key -> !isModelKey(key))
                .sorted()
                .findFirst()
                .ifPresent(key -> {
                    throw new InvalidSettingException(key, "unknown key (known: " + knownKeysNear(key) + ")");
                });
    }

    private static String knownKeysNear(String key) {
        String namespace = key.substring(0, key.indexOf('.') + 1);
        return DEFAULTS.keySet().stream().filter(k -> k.startsWith(namespace)).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("none") + (namespace.equals("usage.")
                ? ", " + IMPACT_PREFIX + "<action>, " + EXPECTED_PREFIX + "<plan>" : "");
    }

    private static boolean isDynamicKey(String key) {
        return (key.startsWith(IMPACT_PREFIX) && key.length() > IMPACT_PREFIX.length())
                || (key.startsWith(EXPECTED_PREFIX) && key.length() > EXPECTED_PREFIX.length());
    }

    private String raw(String key) {
        String value = settings.get(key);
        return value == null ? DEFAULTS.get(key) : value.trim();
    }

    private double number(String key) {
        return nonNegative(key, raw(key));
    }

    private static double nonNegative(String key, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "not a number: '" + text + "'");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidSettingException(key, "must be a finite number, got '" + text + "'");
        }
        if (value < 0) {
            throw new InvalidSettingException(key, "must not be negative, got " + text);
        }
        return value;
    }

    private double positive(String key) {
        double value = number(key);
        if (value == 0) {
            throw new InvalidSettingException(key, "must be greater than 0");
        }
        return value;
    }

    private Duration days(String key) {
        double value = positive(key);
        if (value != Math.rint(value)) {
            throw new InvalidSettingException(key, "must be a whole number of days, got " + raw(key));
        }
        return Duration.ofDays((long) value);
    }

    private static void requireAbove(String key, double value, String lowerKey, double lower) {
        if (value <= lower) {
            throw new InvalidSettingException(key, "bands out of order: " + value + " must be greater than "
                    + lowerKey + " (" + lower + ")");
        }
    }

    private Map<String, Double> numbersUnder(String prefix, boolean mustBePositive) {
        Map<String, Double> values = new HashMap<>();
        settings.forEach((key, text) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length() && !DEFAULTS.containsKey(key)) {
                double value = nonNegative(key, text.trim());
                if (mustBePositive && value == 0) {
                    throw new InvalidSettingException(key, "must be greater than 0");
                }
                values.put(key.substring(prefix.length()), value);
            }
        });
        return values;
    }

    private List<String> onboardingSteps() {
        List<String> steps = Arrays.stream(raw("onboarding.steps").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (steps.isEmpty()) {
            throw new InvalidSettingException("onboarding.steps", "must list at least one step");
        }
        if (Set.copyOf(steps).size() != steps.size()) {
            throw new InvalidSettingException("onboarding.steps", "lists a step twice: " + steps);
        }
        return steps;
    }
}
