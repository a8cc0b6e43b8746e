package io.healthstream.backtest;

import io.healthstream.scoring.Segments;
import io.healthstream.scoring.TouchModel;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Scores a model against what happened: each account's verdict, then the figures over all of them. */
public final class Backtest {
    private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private Backtest() {}

    public static Figures evaluate(ExportHistory export, BacktestRules rules) {
        List<AccountVerdict> verdicts = export.accounts().stream()
                .map(account -> judge(account, rules, export.lastEventTime()))
                .toList();
        Map<TouchModel, Figures.TierFigures> byTier = new EnumMap<>(TouchModel.class);
        for (TouchModel tier : TouchModel.values()) {
            List<AccountVerdict> inTier =
                    verdicts.stream().filter(v -> v.tier() == tier).toList();
            if (!inTier.isEmpty()) {
                byTier.put(tier, new Figures.TierFigures(Counts.of(inTier), Auc.of(verdicts, export.accounts(), tier)));
            }
        }
        Map<String, Figures.TierFigures> bySegment = new TreeMap<>();
        verdicts.stream()
                .map(AccountVerdict::segment)
                .distinct()
                .forEach(segment -> bySegment.put(
                        segment,
                        new Figures.TierFigures(
                                Counts.of(verdicts.stream()
                                        .filter(v -> v.segment().equals(segment))
                                        .toList()),
                                Auc.of(verdicts, export.accounts(), segment))));
        return new Figures(
                rules,
                export.lastEventTime(),
                Counts.of(verdicts),
                Quartiles.of(verdicts.stream()
                        .filter(v -> v.leadTimeDays().isPresent())
                        .map(v -> v.leadTimeDays().getAsDouble())
                        .toList()),
                Auc.of(verdicts, export.accounts()),
                byTier,
                bySegment,
                mrr(verdicts, Verdict.TRUE_POSITIVE),
                mrr(verdicts, Verdict.FALSE_NEGATIVE),
                verdicts);
    }

    /** One account against the definitions: churned accounts are judged by their churn, the others by their flags. */
    static AccountVerdict judge(AccountHistory account, BacktestRules rules, Instant lastEventTime) {
        Duration horizon = rules.horizon();
        Optional<Churn> churn = Churn.of(account.moves(), horizon);
        List<Instant> flags = rules.flag().flags(account);
        if (churn.isPresent()) {
            Instant churnedAt = churn.get().at();
            Instant windowStart = churnedAt.minus(horizon);
            Optional<Instant> inWindow = flags.stream()
                    .filter(t -> !t.isBefore(windowStart) && t.isBefore(churnedAt))
                    .findFirst();
            OptionalDouble lead = inWindow.map(
                            t -> OptionalDouble.of((churnedAt.toEpochMilli() - t.toEpochMilli()) / MILLIS_PER_DAY))
                    .orElse(OptionalDouble.empty());
            return new AccountVerdict(
                    account.accountId(),
                    inWindow.isPresent() ? Verdict.TRUE_POSITIVE : Verdict.FALSE_NEGATIVE,
                    churn,
                    inWindow,
                    lead,
                    flags.size(),
                    lastScore(account, churnedAt).map(ScorePoint::tier).orElse(TouchModel.LOW_TOUCH),
                    lastScore(account, churnedAt).map(ScorePoint::segment).orElse(Segments.DEFAULT));
        }
        boolean judged = flags.stream().anyMatch(t -> !t.plus(horizon).isAfter(lastEventTime));
        Verdict verdict =
                judged ? Verdict.FALSE_POSITIVE : flags.isEmpty() ? Verdict.TRUE_NEGATIVE : Verdict.NOT_YET_JUDGED;
        return new AccountVerdict(
                account.accountId(),
                verdict,
                churn,
                flags.stream().findFirst(),
                OptionalDouble.empty(),
                flags.size(),
                lastScore(account, lastEventTime).map(ScorePoint::tier).orElse(TouchModel.LOW_TOUCH),
                lastScore(account, lastEventTime).map(ScorePoint::segment).orElse(Segments.DEFAULT));
    }

    /** The last score at or before {@code date}, else the first score: its tier and segment are the account's. */
    private static Optional<ScorePoint> lastScore(AccountHistory account, Instant date) {
        return account.scoreAt(date).or(() -> account.scores().stream().findFirst());
    }

    private static Map<String, Long> mrr(List<AccountVerdict> verdicts, Verdict which) {
        Map<String, Long> byCurrency = new TreeMap<>();
        verdicts.stream()
                .filter(v -> v.verdict() == which)
                .forEach(v -> byCurrency.merge(
                        v.churn().orElseThrow().currency(),
                        v.churn().orElseThrow().mrr(),
                        Long::sum));
        return byCurrency;
    }
}
