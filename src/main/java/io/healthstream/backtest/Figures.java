package io.healthstream.backtest;

import io.healthstream.scoring.TouchModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every figure of one model's backtest.
 *
 * @param leadTimeDays quartiles of the true positives' lead times, in days; empty without one
 * @param byTier       the counts and the AUC per touch tier
 * @param bySegment    the counts and the AUC per segment (AccountHealth.segment), by name
 * @param mrrCaught    MRR lost by the true positives at their churn, per currency, in minor units
 * @param mrrMissed    the same for the false negatives
 * @param verdicts     one per account, by account id
 */
public record Figures(
        BacktestRules rules,
        Instant lastEventTime,
        Counts counts,
        Optional<Quartiles> leadTimeDays,
        Auc auc,
        Map<TouchModel, TierFigures> byTier,
        Map<String, TierFigures> bySegment,
        Map<String, Long> mrrCaught,
        Map<String, Long> mrrMissed,
        List<AccountVerdict> verdicts) {

    /** The counts and the AUC of the accounts of one touch tier or segment. */
    public record TierFigures(Counts counts, Auc auc) {}
}
