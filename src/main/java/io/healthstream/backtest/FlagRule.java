package io.healthstream.backtest;

import io.healthstream.scoring.Band;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** When an account counts as flagged: {@code --flag RED} or {@code --flag CRITICAL}. */
public enum FlagRule {
    /** Its band becomes RED: a score in RED whose previous score was not (or the account's first score). */
    RED,
    /** Any CRITICAL churn signal fires. */
    CRITICAL;

    /** The times the account was flagged, in order. */
    List<Instant> flags(AccountHistory account) {
        return this == RED
                ? redEntries(account.scores())
                : account.criticalSignals().stream()
                        .map(CriticalSignal::detectedAt)
                        .toList();
    }

    static List<Instant> redEntries(List<ScorePoint> scores) {
        List<Instant> entries = new ArrayList<>();
        Band previous = null;
        for (ScorePoint point : scores) {
            if (point.band() == Band.RED && previous != Band.RED) {
                entries.add(point.asOf());
            }
            previous = point.band();
        }
        return entries;
    }
}
