package io.healthstream.scoring;

import java.time.Duration;

/** U = 100 x V / E, capped: V is impact-weighted usage in the trailing window, E the plan's expected value. */
final class UsageScore {
    private UsageScore() {}

    /** Usage value in the trailing window as a percentage of the plan's expected value, uncapped. */
    static double percentOfExpected(AccountState state, UsageValues values, ModelConfig.UsageRules rules) {
        return 100.0 * values.window() / rules.expectedFor(state.plan());
    }

    static ComponentScore compute(AccountState state, UsageValues values, ModelConfig config) {
        ModelConfig.UsageRules rules = config.usage();
        double value = values.window();
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
