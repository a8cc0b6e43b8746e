package io.healthstream.scoring.intake;

import io.healthstream.scoring.kpi.AccountTransition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one event, or the passing of time, did to an account: its memory afterwards, what happened to
 * the event, the decisions to publish in order, the account's contributions to portfolio KPIs,
 * whether the memory changed (and must be stored) and when the account is next due for a time-based
 * re-evaluation.
 */
public record Step(
        AccountMemory memory,
        Disposition disposition,
        List<Decision> decisions,
        List<AccountTransition> kpis,
        boolean changed,
        Optional<Instant> nextDue,
        boolean kpiLate) {

    public Step {
        decisions = List.copyOf(decisions);
        kpis = List.copyOf(kpis);
    }

    /** What happened to an event. */
    public enum Disposition {
        /** Changed the account's state or a KPI. */
        APPLIED,
        /** Its id was applied before, from the same source, within the source's horizon. */
        DUPLICATE,
        /** Too old to change anything. */
        LATE,
        /** No event: time passed. */
        TIME
    }
}
