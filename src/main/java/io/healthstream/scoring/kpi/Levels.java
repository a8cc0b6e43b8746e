package io.healthstream.scoring.kpi;

/** Paying accounts, their MRR (minor units) and how many of them are in each touch tier, at one moment, in one currency. */
public record Levels(long accounts, long mrr, TierCounts tiers) {
    public static final Levels ZERO = new Levels(0, 0, TierCounts.ZERO);

    /** These levels moved by everything a period counted: MRR by its measured change, not by its movements. */
    public Levels after(PeriodTally tally) {
        return new Levels(accounts + tally.accountsDelta(), mrr + tally.mrrNet(), tiers.plus(tally.payingTiers()));
    }
}
