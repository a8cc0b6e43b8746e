package io.healthstream.scoring;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every number of the customer-health model, with the defaults from DOMAIN.md. Built by
 * {@link ModelConfigParser} from configuration; {@link #defaults()} is the model as shipped.
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

    public ModelConfig {
        onboardingSteps = List.copyOf(onboardingSteps);
    }

    /** The model with every default from DOMAIN.md. */
    public static ModelConfig defaults() {
        return ModelConfigParser.parse(Map.of());
    }

    /** Weights of the four components; they sum to 1. */
    public record Weights(double usage, double billing, double support, double nps) {
    }

    /** Upper bounds (inclusive) of the RED, YELLOW and GREEN bands; above green is THRIVING. */
    public record Bands(double redMax, double yellowMax, double greenMax) {
    }

    /** How product usage turns into the usage component. */
    public record UsageRules(Duration window, Map<String, Double> impactByAction, double defaultImpact,
                             Map<String, Double> expectedByPlan, double defaultExpected, double scoreCap) {
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
    public record BillingRules(double active, double trial, double pastDue, double cancelled, double contractionPenalty) {
    }

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
    public record NpsRules(Duration window, double noDataScore) {
    }

    /** MRR thresholds (minor units per month) of the touch models. */
    public record TouchRules(long lowMaxMrr, long highMinMrr) {
    }

    /** Thresholds of the time-based churn signals. */
    public record SignalRules(double usageDropPercent, Duration inactivity, Duration onboardingStalled) {
        /** USAGE_DROP compares the last week's usage with the week before. */
        public static final Duration USAGE_DROP_PERIOD = Duration.ofDays(7);

        /** How far back USAGE_DROP looks: two periods. */
        public static Duration usageTrendReach() {
            return USAGE_DROP_PERIOD.multipliedBy(2);
        }
    }
}
