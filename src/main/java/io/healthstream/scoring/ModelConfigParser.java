package io.healthstream.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Every model key: name ({@code <...>} names a family), default (null: none), meaning. */
    private record ModelKey(String name, String defaultValue, String doc) {
    }

    private static final List<ModelKey> KEYS = List.of(
            new ModelKey("model.name", "chs-1", "human name of the model, the first part of model_version"),
            new ModelKey("model.weights.usage", "0.40", "weight of the usage component; the four weights sum to 1"),
            new ModelKey("model.weights.billing", "0.30", "weight of the billing component"),
            new ModelKey("model.weights.support", "0.20", "weight of the support component"),
            new ModelKey("model.weights.nps", "0.10", "weight of the NPS component"),
            new ModelKey("model.bands.red.max", "40", "highest score that is RED"),
            new ModelKey("model.bands.yellow.max", "70", "highest score that is YELLOW"),
            new ModelKey("model.bands.green.max", "100", "highest score that is GREEN; above is THRIVING"),
            new ModelKey("usage.window.days", "30", "trailing window of usage events"),
            new ModelKey("usage.impact.<action>", null, "impact of one event of that action"),
            new ModelKey("usage.impact.default", "1", "impact of an action not listed"),
            new ModelKey("usage.expected.plan.<plan>", null, "usage value expected in the window for that plan"),
            new ModelKey("usage.expected.default", "100", "expected usage value of a plan not listed"),
            new ModelKey("usage.score.cap", "200", "highest usage component"),
            new ModelKey("billing.score.active", "100", "billing component while active"),
            new ModelKey("billing.score.trial", "80", "billing component during a trial"),
            new ModelKey("billing.score.past-due", "20", "billing component after a failed payment, until paid"),
            new ModelKey("billing.score.cancelled", "0", "billing component once cancelled"),
            new ModelKey("billing.contraction.penalty", "15", "billing points lost per contraction in the usage window"),
            new ModelKey("support.penalty.low", "5", "support points lost per open low-priority ticket"),
            new ModelKey("support.penalty.normal", "10", "support points lost per open normal-priority ticket"),
            new ModelKey("support.penalty.high", "20", "support points lost per open high-priority ticket"),
            new ModelKey("support.penalty.urgent", "30", "support points lost per open urgent ticket"),
            new ModelKey("support.penalty.escalated", "10", "extra support points lost per escalated ticket"),
            new ModelKey("nps.window.days", "90", "window of NPS answers"),
            new ModelKey("nps.no-data.score", "70", "NPS component without answers"),
            new ModelKey("touch.low.max-mrr", "5000", "below this MRR (minor units) an account is LOW_TOUCH"),
            new ModelKey("touch.high.min-mrr", "50000", "from this MRR (minor units) an account is HIGH_TOUCH"),
            new ModelKey("signals.usage-drop.percent", "50", "USAGE_DROP when the last week's usage fell by this percentage"),
            new ModelKey("signals.inactivity.days", "14", "INACTIVE after this many days without usage"),
            new ModelKey("signals.onboarding-stalled.days", "7", "ONBOARDING_STALLED after this many days without a new step"),
            new ModelKey("onboarding.steps", "signup,connect_api,first_report", "the onboarding steps, in order"),
            new ModelKey("health.emit.min-delta", "1.0", "a score is published when it moves by at least this much, or changes band"));

    private static final Map<String, String> DEFAULTS = KEYS.stream().filter(key -> key.defaultValue() != null)
            .collect(Collectors.toUnmodifiableMap(ModelKey::name, ModelKey::defaultValue));

    private final Map<String, String> settings;

    private ModelConfigParser(Map<String, String> settings) {
        this.settings = settings;
    }

    /** Every key this parser knows, with its default value. */
    public static Map<String, String> defaults() {
        return DEFAULTS;
    }

    /** Every model key, in a reading order, with what it means; {@code <...>} names a family of keys. */
    public static Map<String, String> documentation() {
        Map<String, String> docs = new LinkedHashMap<>();
        KEYS.forEach(key -> docs.put(key.name(), key.doc()));
        return docs;
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
