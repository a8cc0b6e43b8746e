package io.healthstream.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** U = 100 x V / E, capped: V is impact-weighted usage in the trailing window, E the plan's expected value. */
final class UsageScore {
    private UsageScore() {
    }

    /** Impact-weighted usage value of the entries with {@code from < at <= to}. */
    static double value(Collection<AccountState.UsageEntry> usage, Instant from, Instant to,
                        ModelConfig.UsageRules rules) {
        return usage.stream()
                .filter(e -> e.at().isAfter(from) && !e.at().isAfter(to))
                .mapToDouble(e -> rules.impactOf(e.action()) * e.count())
                .sum();
    }

    /** Usage value in the trailing window as a percentage of the plan's expected value, uncapped. */
    static double percentOfExpected(AccountState state, Instant now, ModelConfig.UsageRules rules) {
        double value = value(state.usage, now.minus(rules.window()), now, rules);
        return 100.0 * value / rules.expectedFor(state.plan);
    }

    static ComponentScore compute(AccountState state, Instant now, ModelConfig config) {
        ModelConfig.UsageRules rules = config.usage();
        double value = value(state.usage, now.minus(rules.window()), now, rules);
        double expected = rules.expectedFor(state.plan);
        double score = Math.min(100.0 * value / expected, rules.scoreCap());
        String message = "usage value " + Points.format(value) + " of " + Points.format(expected) + " expected"
                + (state.plan == null ? "" : " for plan " + state.plan) + " in " + days(rules.window())
                + ": " + Points.format(score) + " usage";
        return new ComponentScore(score, List.of(new Driver("usage", message, config.weights().usage() * score)));
    }

    private static String days(Duration window) {
        return Points.plural(window.toDays(), "day", "days");
    }
}
