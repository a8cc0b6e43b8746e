package io.healthstream.backtest;

import io.healthstream.scoring.TouchModel;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One account's verdict with what it rests on.
 *
 * @param churn        when it churned and the MRR lost, if it did
 * @param firstFlag    for a churned account, its first flag within the horizon before churn; otherwise its
 *                     first flag, if any
 * @param leadTimeDays for a true positive, churn minus its first flag within the horizon, in days
 * @param flags        how many times it was flagged
 * @param tier         its touch tier at its last score before churn (or its last score)
 * @param segment      the segment of that same score
 */
public record AccountVerdict(
        String accountId,
        Verdict verdict,
        Optional<Churn> churn,
        Optional<Instant> firstFlag,
        OptionalDouble leadTimeDays,
        int flags,
        TouchModel tier,
        String segment) {}
