package io.healthstream.scoring.kpi;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paying accounts, their MRR (minor units), how many of them are in each touch tier and the signup cohorts of
 * the last 12 months, at one moment, in one currency.
 */
public record Levels(long accounts, long mrr, TierCounts tiers, Map<Instant, CohortMrr> cohorts) {
    public static final Levels ZERO = new Levels(0, 0, TierCounts.ZERO, Map.of());

    public Levels {
        cohorts = Collections.unmodifiableMap(new TreeMap<>(cohorts));
    }

    /** These levels moved by everything a period counted: MRR by its measured change, not by its movements. */
    public Levels after(PeriodTally tally) {
        return new Levels(
                accounts + tally.accountsDelta(),
                mrr + tally.mrrNet(),
                tiers.plus(tally.payingTiers()),
                CohortMrr.merge(cohorts, tally.cohorts(), tally.period().start()));
    }
}
