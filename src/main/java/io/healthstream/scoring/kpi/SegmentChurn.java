package io.healthstream.scoring.kpi;

/**
 * One segment's customer churn over some closed months: paying accounts at each month's start and
 * accounts lost in each month, each summed over the months.
 */
public record SegmentChurn(long accountsStart, long accountsLost) {
    public static final SegmentChurn NONE = new SegmentChurn(0, 0);

    public SegmentChurn plus(SegmentChurn other) {
        return new SegmentChurn(accountsStart + other.accountsStart, accountsLost + other.accountsLost);
    }

    /** Accounts lost per account at a month's start: the months' rates weighted by their starting accounts. */
    public double monthlyRate() {
        return (double) accountsLost / accountsStart;
    }
}
