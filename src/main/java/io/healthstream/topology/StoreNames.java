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

    private StoreNames() {}
}
