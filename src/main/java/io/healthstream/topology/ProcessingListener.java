package io.healthstream.topology;

import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.kpi.KpiLedger;

/**
 * What the topology tells as it works, in domain terms, so metrics and the replay can count without
 * the topology knowing Micrometer and without reading Avro records back. Every method does nothing
 * unless overridden.
 */
public interface ProcessingListener {
    /** Ignores everything; for tools that do not publish metrics. */
    ProcessingListener NONE = new ProcessingListener() {};

    /** An input event was read from {@code topic}. */
    default void consumed(String topic) {}

    /** An event whose id its account already applied from the same topic. */
    default void duplicate(String topic) {}

    /** An event too old to change anything. */
    default void late(String topic) {}

    /**
     * An event that changed its account but came after its KPI period had closed, so the period's KPIs do
     * not count it (or, on the KPI route, a task's contribution that came too late for the ledger).
     */
    default void lateForKpis(String topic) {}

    /**
     * A decision about an account was published to {@link Topics#of(Outcome) its topic};
     * {@code latencyMillis} from the source event's time to now.
     */
    default void published(Outcome outcome, long latencyMillis) {}

    /** An AccountHealth record waits for the segment churn rate its LTV needs (see {@link LtvGate}). */
    default void heldForLtv() {}

    /** A record that waited for its LTV rate went out. */
    default void releasedAfterLtvWait() {}

    /** The KPI ledger published {@code report} to {@code saas-kpis}; {@code latencyMillis} from its as-of time. */
    default void published(KpiLedger.Report report, long latencyMillis) {}
}
