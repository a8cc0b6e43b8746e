package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** U = 100 x V / E, capped: V is impact-weighted usage in the trailing window, E the plan's expected value. */
final class UsageScore {
    private UsageScore() {}

    /** Impact-weighted value of the entries with {@code from < at <= to} that {@code counted} accepts. */
    static double value(
            List<AccountState.UsageEntry> usage,
            Instant from,
            Instant to,
            ModelConfig.UsageRules rules,
            Predicate<AccountState.UsageEntry> counted) {
        double value = 0;
        for (AccountState.UsageEntry entry : usage) {
            if (entry.at().isAfter(from) && !entry.at().isAfter(to) && counted.test(entry)) {
                value += rules.impactOf(entry.action()) * entry.count();
            }
        }
        return value;
    }

    static double value(List<AccountState.UsageEntry> usage, Instant from, Instant to, ModelConfig.UsageRules rules) {
        return value(usage, from, to, rules, entry -> true);
    }

    /** Usage value in the trailing window as a percentage of the plan's expected value, uncapped. */
    static double percentOfExpected(AccountState state, Instant now, ModelConfig.UsageRules rules) {
        double value = value(state.usage(), now.minus(rules.window()), now, rules);
        return 100.0 * value / rules.expectedFor(state.plan());
    }

    static ComponentScore compute(AccountState state, Instant now, ModelConfig config) {
        ModelConfig.UsageRules rules = config.usage();
        double value = value(state.usage(), now.minus(rules.window()), now, rules);
        double expected = rules.expectedFor(state.plan());
        double score = Math.min(100.0 * value / expected, rules.scoreCap());
        return new ComponentScore(
                "usage",
                score,
                () -> "usage value " + Points.format(value) + " of "
                        + Points.format(expected) + " expected"
                        + (state.plan() == null ? "" : " for plan " + state.plan())
                        + " in " + days(rules.window()));
    }

    private static String days(Duration window) {
        return Points.plural(window.toDays(), "day", "days");
    }
}
