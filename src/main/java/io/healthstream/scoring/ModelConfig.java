package io.healthstream.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every number of the customer-health model; {@link #defaults()} is the model as shipped, with the
 * numbers of DOMAIN.md. The model's own invariants (weights that sum to 1, bands in order, thresholds
 * that make sense together) are checked here, whoever builds it; a broken one names its configuration key.
 */
public record ModelConfig(
        Weights weights,
        Bands bands,
        UsageRules usage,
        BillingRules billing,
        SupportRules support,
        NpsRules nps,
        TouchRules touch,
        SignalRules signals,
        List<String> onboardingSteps,
        double emitMinDelta) {

    private static final ModelConfig DEFAULTS = new ModelConfig(
            new Weights(0.40, 0.30, 0.20, 0.10),
            new Bands(40, 70, 100),
            new UsageRules(Duration.ofDays(30), Map.of(), 1, Map.of(), 100, 200),
            new BillingRules(100, 80, 20, 0, 15),
            new SupportRules(5, 10, 20, 30, 10),
            new NpsRules(Duration.ofDays(90), 70),
            new TouchRules(5_000, 50_000),
            new SignalRules(50, Duration.ofDays(14), Duration.ofDays(7)),
            List.of("signup", "connect_api", "first_report"),
            1.0);

    public ModelConfig {
        onboardingSteps = List.copyOf(onboardingSteps);
        if (onboardingSteps.isEmpty()) {
            throw new InvalidSettingException("onboarding.steps", "must list at least one step");
        }
        if (Set.copyOf(onboardingSteps).size() != onboardingSteps.size()) {
            throw new InvalidSettingException("onboarding.steps", "lists a step twice: " + onboardingSteps);
        }
    }

    /** The model with every default from DOMAIN.md. */
    public static ModelConfig defaults() {
        return DEFAULTS;
    }

    /** Weights of the four components; they sum to 1. */
    public record Weights(double usage, double billing, double support, double nps) {
        private static final double TOLERANCE = 1e-9;

        public Weights {
            double sum = usage + billing + support + nps;
            if (Math.abs(sum - 1.0) > TOLERANCE) {
                throw new InvalidSettingException(
                        "model.weights",
                        "the four weights sum to "
                                + BigDecimal.valueOf(sum)
                                        .round(new MathContext(9))
                                        .stripTrailingZeros()
                                        .toPlainString()
                                + ", they must sum to 1");
            }
        }
    }

    /** Upper bounds (inclusive) of the RED, YELLOW and GREEN bands; above green is THRIVING. */
    public record Bands(double redMax, double yellowMax, double greenMax) {
        public Bands {
            requireAbove("model.bands.yellow.max", yellowMax, "model.bands.red.max", redMax);
            requireAbove("model.bands.green.max", greenMax, "model.bands.yellow.max", yellowMax);
        }

        private static void requireAbove(String key, double value, String lowerKey, double lower) {
            if (value <= lower) {
                throw new InvalidSettingException(
                        key, "bands out of order: " + value + " must be greater than " + lowerKey + " (" + lower + ")");
            }
        }
    }

    /** How product usage turns into the usage component. */
    public record UsageRules(
            Duration window,
            Map<String, Double> impactByAction,
            double defaultImpact,
            Map<String, Double> expectedByPlan,
            double defaultExpected,
            double scoreCap) {
        public UsageRules {
            impactByAction = Map.copyOf(impactByAction);
            expectedByPlan = Map.copyOf(expectedByPlan);
        }

        public double impactOf(String action) {
            return impactByAction.getOrDefault(action, defaultImpact);
        }

        public double expectedFor(String plan) {
            return plan == null ? defaultExpected : expectedByPlan.getOrDefault(plan, defaultExpected);
        }
    }

    /** Billing component score per billing status, and the penalty per recent contraction. */
    public record BillingRules(
            double active, double trial, double pastDue, double cancelled, double contractionPenalty) {}

    /** Support component penalties per open ticket by priority, plus the escalation penalty. */
    public record SupportRules(double low, double normal, double high, double urgent, double escalated) {
        public double penaltyFor(Priority priority) {
            return switch (priority) {
                case LOW -> low;
                case NORMAL -> normal;
                case HIGH -> high;
                case URGENT -> urgent;
            };
        }
    }

    /** NPS component window and the score used when nobody answered in it. */
    public record NpsRules(Duration window, double noDataScore) {}

    /** MRR thresholds (minor units per month) of the touch models. */
    public record TouchRules(long lowMaxMrr, long highMinMrr) {
        public TouchRules {
            if (highMinMrr < lowMaxMrr) {
                throw new InvalidSettingException(
                        "touch.high.min-mrr", "must not be below touch.low.max-mrr (" + lowMaxMrr + ")");
            }
        }
    }

    /** Thresholds of the time-based churn signals. */
    public record SignalRules(double usageDropPercent, Duration inactivity, Duration onboardingStalled) {
        public SignalRules {
            if (usageDropPercent > 100) {
                throw new InvalidSettingException(
                        "signals.usage-drop.percent", "is a percentage, at most 100, got " + usageDropPercent);
            }
        }

        /** USAGE_DROP compares the last week's usage with the week before. */
        public static final Duration USAGE_DROP_PERIOD = Duration.ofDays(7);

        /** How far back USAGE_DROP looks: two periods. */
        public static Duration usageTrendReach() {
            return USAGE_DROP_PERIOD.multipliedBy(2);
        }
    }
}
