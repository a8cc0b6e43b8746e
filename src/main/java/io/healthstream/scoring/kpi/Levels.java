package io.healthstream.scoring.kpi;

/** Paying accounts and their MRR (minor units) at one moment, in one currency. */
public record Levels(long accounts, long mrr) {
    public static final Levels ZERO = new Levels(0, 0);

    /** These levels moved by everything a period counted. */
    public Levels after(PeriodTally tally) {
        return new Levels(accounts + tally.accountsDelta(), mrr + tally.mrrDelta());
    }
}
