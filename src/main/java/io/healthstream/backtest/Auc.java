package io.healthstream.backtest;

import io.healthstream.scoring.TouchModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * How well the score ranks churners below the rest: the share of (churned, not churned) pairs in which the
 * churned account's score {@value #DAYS_BEFORE_CHURN} days before its churn is lower than the other
 * account's score on that same date, ties counting one half. Scores are the last published at or before the
 * date; an account without a score by then takes no part in that date's pairs.
 *
 * @param value          the AUC; empty without any pair
 * @param churned        churned accounts that had a score {@value #DAYS_BEFORE_CHURN} days before churn
 * @param churnedUnscored churned accounts without a score by then (left out)
 * @param pairs          pairs compared
 */
public record Auc(OptionalDouble value, int churned, int churnedUnscored, long pairs) {
    public static final int DAYS_BEFORE_CHURN = 30;

    /** Over all accounts. */
    static Auc of(List<AccountVerdict> verdicts, List<AccountHistory> accounts) {
        return of(verdicts, accounts, verdict -> true, score -> true);
    }

    /**
     * Only pairs whose two accounts were in {@code tier} on the date compared; a churned account without a
     * score by then counts as unscored in the tier of its verdict.
     */
    static Auc of(List<AccountVerdict> verdicts, List<AccountHistory> accounts, TouchModel tier) {
        return of(verdicts, accounts, verdict -> verdict.tier() == tier, score -> score.tier() == tier);
    }

    /** The same for the accounts of {@code segment}. */
    static Auc of(List<AccountVerdict> verdicts, List<AccountHistory> accounts, String segment) {
        return of(
                verdicts,
                accounts,
                verdict -> verdict.segment().equals(segment),
                score -> score.segment().equals(segment));
    }

    private static Auc of(
            List<AccountVerdict> verdicts,
            List<AccountHistory> accounts,
            Predicate<AccountVerdict> verdictInScope,
            Predicate<ScorePoint> scoreInScope) {
        double wins = 0;
        long pairs = 0;
        int churned = 0;
        int unscored = 0;
        for (int i = 0; i < accounts.size(); i++) {
            Optional<Churn> churn = verdicts.get(i).churn();
            if (churn.isEmpty()) {
                continue;
            }
            Instant date = churn.get().at().minus(Duration.ofDays(DAYS_BEFORE_CHURN));
            Optional<ScorePoint> risky = accounts.get(i).scoreAt(date);
            if (risky.isEmpty()) {
                unscored += verdictInScope.test(verdicts.get(i)) ? 1 : 0;
                continue;
            }
            if (!scoreInScope.test(risky.get())) {
                continue;
            }
            churned++;
            for (int j = 0; j < accounts.size(); j++) {
                if (verdicts.get(j).churn().isPresent()) {
                    continue;
                }
                Optional<ScorePoint> other = accounts.get(j).scoreAt(date);
                if (other.isEmpty() || !scoreInScope.test(other.get())) {
                    continue;
                }
                pairs++;
                double difference = other.get().score() - risky.get().score();
                wins += difference > 0 ? 1 : difference == 0 ? 0.5 : 0;
            }
        }
        return new Auc(pairs == 0 ? OptionalDouble.empty() : OptionalDouble.of(wins / pairs), churned, unscored, pairs);
    }
}
