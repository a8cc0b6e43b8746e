package io.healthstream.scoring.intake;

import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.kpi.RecentActivity;
import java.time.Instant;

/**
 * Everything kept about one account: its health state, its memory for portfolio KPIs, the ids of the
 * events it applied, the newest event time it applied ({@code lastEventAt}, its clock for lateness)
 * and the time it was last evaluated at ({@code evaluatedAt}: the latest event or time-based
 * re-evaluation that changed something). Both times are null before the first event.
 */
public record AccountMemory(
        AccountState health, RecentActivity kpis, SeenEvents seen, Instant lastEventAt, Instant evaluatedAt) {
    public static final AccountMemory NEW =
            new AccountMemory(AccountState.EMPTY, RecentActivity.NONE, SeenEvents.NONE, null, null);
}
