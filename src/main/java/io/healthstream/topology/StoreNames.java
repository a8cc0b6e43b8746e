package io.healthstream.topology;

/** State store names. Renaming one renames its changelog topic and loses its state: a test pins them. */
public final class StoreNames {
    /** Per-account state, keyed by account id. */
    public static final String ACCOUNT_STATE = "account-state";
    /** Event ids seen within dedup.retention.days, for duplicate detection. */
    public static final String SEEN_EVENT_IDS = "seen-event-ids";
    /** Portfolio KPI tallies of the open periods, keyed by {@code <period>/<currency>}. */
    public static final String KPI_PERIODS = "kpi-periods";
    /** Running portfolio KPI totals (closed levels, bands, trailing history), keyed by currency. */
    public static final String KPI_TOTALS = "kpi-totals";

    /** Event-time clocks of the account tasks feeding the KPI processor, and its watermark; one key. */
    public static final String KPI_CLOCKS = "kpi-clocks";

    private StoreNames() {
    }
}
