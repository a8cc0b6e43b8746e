package io.healthstream.topology;

/** State store names. Renaming one renames its changelog topic and loses its state: a test pins them. */
public final class StoreNames {
    /** Everything kept per account (health state, KPI memory, seen event ids), keyed by account id. */
    public static final String ACCOUNTS = "accounts";
    /** One account task's KPI contributions since its last delta; one key. */
    public static final String KPI_OUTBOX = "kpi-outbox";
    /** The portfolio KPI ledger: clocks, totals and open periods; one key. */
    public static final String KPI_LEDGER = "kpi-ledger";
    /** Every AccountHealth record of each account, by account id and as_of, for history.retention.days. */
    public static final String HISTORY_POINTS = "history-points";
    /** Each account's churn signals, contraction alerts, NPS follow-ups and expansion opportunities, by account id and time. */
    public static final String HISTORY_EVENTS = "history-events";

    /** AccountHealth records waiting for the segment churn rate their LTV needs, by account id and sequence. */
    public static final String LTV_PENDING = "ltv-pending";
    /** Global: the segments' churn rates per month as the KPI ledger published them, keyed by month. */
    public static final String SEGMENT_CHURN = "segment-churn";

    private StoreNames() {}
}
