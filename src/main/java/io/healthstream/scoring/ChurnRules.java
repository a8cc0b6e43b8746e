package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The time-based churn conditions, evaluated at a point in (event) time. */
final class ChurnRules {
    static final Duration USAGE_DROP_PERIOD = ModelConfig.SignalRules.USAGE_DROP_PERIOD;

    private ChurnRules() {}

    /** Usage value of the last period and of the period before; onboarding steps are left out, as a trial finishing its steps is not a drop in use. */
    record UsageTrend(double last, double previous) {
        boolean droppedBelow(double remainingPercent) {
            return previous > 0 && last < previous * remainingPercent / 100.0;
        }

        double dropPercent() {
            return 100.0 * (previous - last) / previous;
        }
    }

    /** USAGE_DROP: the last week's usage value is below (100 - percent)% of the week before. */
    static Optional<String> usageDrop(UsageValues values, ModelConfig config) {
        UsageTrend trend = new UsageTrend(values.lastWeek(), values.weekBefore());
        if (!trend.droppedBelow(100 - config.signals().usageDropPercent())) {
            return Optional.empty();
        }
        return Optional.of("usage value " + Points.format(trend.last()) + " in the last 7 days, down "
                + Points.format(trend.dropPercent()) + "% from " + Points.format(trend.previous())
                + " the week before");
    }

    /** INACTIVE: no usage for {@code signals.inactivity.days} (counted from first sight if never used). */
    static Optional<String> inactivity(AccountState state, Instant now, ModelConfig config) {
        Instant since = inactiveSince(state);
        if (since == null) {
            return Optional.empty();
        }
        Duration idle = Duration.between(since, now);
        if (idle.compareTo(config.signals().inactivity()) < 0) {
            return Optional.empty();
        }
        return Optional.of("no product usage for " + Points.plural(idle.toDays(), "day", "days"));
    }

    /** ONBOARDING_STALLED: a trial with steps left made no progress for {@code signals.onboarding-stalled.days}. */
    static Optional<String> onboardingStall(AccountState state, Instant now, ModelConfig config) {
        if (state.billing() != BillingStatus.TRIAL) {
            return Optional.empty();
        }
        Optional<String> nextStep = config.onboardingSteps().stream()
                .filter(step -> !state.onboardingSteps().contains(step))
                .findFirst();
        Instant since = stallClockStart(state);
        if (nextStep.isEmpty()
                || since == null
                || Duration.between(since, now).compareTo(config.signals().onboardingStalled()) < 0) {
            return Optional.empty();
        }
        return nextStep;
    }

    /** Onboarding stalls counting from the latest progress, else the trial start, else first sight. */
    static Instant stallClockStart(AccountState state) {
        return firstNonNull(
                state.activity().onboardingProgressAt(),
                state.subscription().trialStartedAt(),
                state.activity().firstSeenAt());
    }

    /** When INACTIVE counts from: the last usage, else first sight. */
    static Instant inactiveSince(AccountState state) {
        AccountState.Activity activity = state.activity();
        return activity.lastUsageAt() != null ? activity.lastUsageAt() : activity.firstSeenAt();
    }

    private static Instant firstNonNull(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
