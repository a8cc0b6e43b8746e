package io.healthstream.query;

/**
 * One line of the at-risk list: the account's last published band and score, the MRR at risk (all of its current
 * MRR, minor units of {@code currency}: nothing once it has cancelled), its billing status, its touch tier and segment, since when it is in its band and for how many
 * seconds up to the portfolio's {@code as_of} (null when the history does not say), and its latest CRITICAL churn
 * signal of the last week (null when none).
 */
public record AtRiskAccount(
        String accountId,
        String band,
        Double score,
        long mrrAtRisk,
        String currency,
        String billingStatus,
        String touchTier,
        String segment,
        String bandSince,
        Long secondsInBand,
        CriticalSignal criticalSignal) {

    /** A CRITICAL churn signal: its one-line summary (type and reason) and when it was detected. */
    public record CriticalSignal(String summary, String at) {}
}
