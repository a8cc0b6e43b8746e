package io.healthstream.scoring;

import java.time.Instant;
import java.util.List;

/**
 * The usage values one assessment needs: the impact-weighted value in the score window, and the habit
 * value of the last week and of the week before (the usage-drop comparison). Summed in one pass over the
 * entries, each looking up its impact once, because an assessment runs for every event and every
 * re-evaluation; each sum adds the same terms in the same order as a pass per value would.
 */
record UsageValues(double window, double lastWeek, double weekBefore) {
    private static final long WEEK_MILLIS = ChurnRules.USAGE_DROP_PERIOD.toMillis();

    /** The values of the entries with {@code at <= now}, each window open at its start. */
    static UsageValues of(List<AccountState.UsageEntry> usage, Instant now, ModelConfig.UsageRules rules) {
        long to = now.toEpochMilli();
        long windowFrom = to - rules.window().toMillis();
        long weekAgo = to - WEEK_MILLIS;
        long twoWeeksAgo = weekAgo - WEEK_MILLIS;
        long reach = Math.min(windowFrom, twoWeeksAgo);
        double window = 0;
        double lastWeek = 0;
        double weekBefore = 0;
        for (AccountState.UsageEntry entry : usage) {
            long at = entry.at().toEpochMilli();
            if (at <= reach || at > to) {
                continue;
            }
            double value = rules.impactOf(entry.action()) * entry.count();
            if (at > windowFrom) {
                window += value;
            }
            if (entry.isHabit()) {
                if (at > weekAgo) {
                    lastWeek += value;
                } else if (at > twoWeeksAgo) {
                    weekBefore += value;
                }
            }
        }
        return new UsageValues(window, lastWeek, weekBefore);
    }
}
