package io.healthstream.backtest;

/** What the backtest says of one account. */
public enum Verdict {
    /** Churned, and flagged within the horizon before its churn. */
    TRUE_POSITIVE,
    /** Did not churn, yet has a judged flag. */
    FALSE_POSITIVE,
    /** Churned without a flag within the horizon before its churn. */
    FALSE_NEGATIVE,
    /** Did not churn and was never flagged. */
    TRUE_NEGATIVE,
    /** Did not churn; flagged, but only less than a horizon before the export's end. */
    NOT_YET_JUDGED
}
