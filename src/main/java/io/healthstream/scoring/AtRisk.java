package io.healthstream.scoring;

import java.time.Instant;
import java.util.Optional;

/**
 * Who is on the console's at-risk list: accounts whose last published band is RED, and accounts with a CRITICAL
 * churn signal of the {@link #NEW_SIGNAL_WINDOW} (a payment failure or a cancellation can hit a GREEN account, and a
 * CSM must see it before the score catches up). All of an at-risk account's MRR is at risk.
 */
public final class AtRisk {
    /** A week: a CSM who looks at the console once a week still sees every new critical signal. */
    public static final RecentWindow NEW_SIGNAL_WINDOW = RecentWindow.LAST_WEEK;

    private AtRisk() {}

    /** True when {@code band} is RED or the latest CRITICAL signal, if any, is newer than the window before {@code asOf}. */
    public static boolean isAtRisk(Band band, Optional<Instant> latestCriticalSignal, Instant asOf) {
        return band == Band.RED
                || latestCriticalSignal.filter(at -> isNew(at, asOf)).isPresent();
    }

    /** True when a signal at {@code at} is new as of {@code asOf}. */
    public static boolean isNew(Instant at, Instant asOf) {
        return NEW_SIGNAL_WINDOW.contains(at, asOf);
    }
}
