package io.healthstream.scoring.kpi;

/**
 * One segment's customer churn over some closed months: paying accounts at the months' starts and accounts lost
 * in them, each summed, and the months' own churn rates (lost / paying at the start) summed over the
 * {@code ratedMonths} that began with paying accounts (a month without has no rate).
 */
public record SegmentChurn(long accountsStart, long accountsLost, double rateSum, int ratedMonths) {
    public static final SegmentChurn NONE = new SegmentChurn(0, 0, 0, 0);

    /** One month of the segment: {@code start} paying accounts at its start, {@code lost} of them lost. */
    public static SegmentChurn ofMonth(long start, long lost) {
        return start == 0 ? new SegmentChurn(0, lost, 0, 0) : new SegmentChurn(start, lost, (double) lost / start, 1);
    }

    public SegmentChurn plus(SegmentChurn other) {
        return new SegmentChurn(
                accountsStart + other.accountsStart,
                accountsLost + other.accountsLost,
                rateSum + other.rateSum,
                ratedMonths + other.ratedMonths);
    }

    /**
     * ChartMogul's trailing customer churn rate: the average of the months' rates, over the months that had a
     * rate.
     */
    public double monthlyRate() {
        return rateSum / ratedMonths;
    }
}
