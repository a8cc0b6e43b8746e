package io.healthstream.backtest;

import java.util.Collection;
import java.util.OptionalDouble;

/** How many accounts got each verdict, and the ratios the issue defines on them. */
public record Counts(int truePositives, int falsePositives, int falseNegatives, int trueNegatives, int notYetJudged) {
    static Counts of(Collection<AccountVerdict> verdicts) {
        int[] by = new int[Verdict.values().length];
        verdicts.forEach(verdict -> by[verdict.verdict().ordinal()]++);
        return new Counts(
                by[Verdict.TRUE_POSITIVE.ordinal()],
                by[Verdict.FALSE_POSITIVE.ordinal()],
                by[Verdict.FALSE_NEGATIVE.ordinal()],
                by[Verdict.TRUE_NEGATIVE.ordinal()],
                by[Verdict.NOT_YET_JUDGED.ordinal()]);
    }

    public int accounts() {
        return churned() + notChurned();
    }

    public int churned() {
        return truePositives + falseNegatives;
    }

    /** Accounts that did not churn, not-yet-judged ones included. */
    public int notChurned() {
        return falsePositives + trueNegatives + notYetJudged;
    }

    /** TP / (TP + FP); empty without a judged flag. */
    public OptionalDouble precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN); empty without a churned account. */
    public OptionalDouble recall() {
        return ratio(truePositives, churned());
    }

    /** FP / accounts that did not churn. */
    public OptionalDouble falseAlarmRate() {
        return ratio(falsePositives, notChurned());
    }

    private static OptionalDouble ratio(int numerator, int denominator) {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }
}
