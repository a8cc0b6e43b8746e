package io.healthstream.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scores of churned accounts on the days before their churn, against the scores of the accounts that did
 * not churn on those same dates: what the chart draws.
 *
 * @param redMax the RED threshold, drawn as a line
 * @param days   one entry per step back from churn, the nearest to churn last
 */
public record Trajectories(double redMax, List<Day> days) {
    /** Quartiles of both groups {@code daysBeforeChurn} days before churn; empty where a group has no score. */
    public record Day(int daysBeforeChurn, Optional<Quartiles> churned, Optional<Quartiles> retained) {}

    /** One point every thirtieth of the horizon (at least a day), back to the horizon before churn. */
    public static Trajectories of(ExportHistory export, Figures figures, double redMax) {
        Duration horizon = figures.rules().horizon();
        int step = (int) Math.max(1, horizon.toDays() / 30);
        List<AccountVerdict> verdicts = figures.verdicts();
        List<AccountHistory> churned = new ArrayList<>();
        List<Instant> churnTimes = new ArrayList<>();
        List<AccountHistory> retained = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            Optional<Churn> churn = verdicts.get(i).churn();
            if (churn.isPresent()) {
                churned.add(export.accounts().get(i));
                churnTimes.add(churn.get().at());
            } else {
                retained.add(export.accounts().get(i));
            }
        }
        List<Day> days = new ArrayList<>();
        for (int before = (int) horizon.toDays(); before >= 0; before -= step) {
            List<Double> churnedScores = new ArrayList<>();
            List<Double> retainedScores = new ArrayList<>();
            for (int i = 0; i < churned.size(); i++) {
                // Just before churn at 0 days: the score the account had while it was still a customer.
                Instant date = churnTimes.get(i).minus(Duration.ofDays(before)).minusMillis(1);
                churned.get(i).scoreAt(date).ifPresent(point -> churnedScores.add(point.score()));
                for (AccountHistory other : retained) {
                    other.scoreAt(date).ifPresent(point -> retainedScores.add(point.score()));
                }
            }
            days.add(new Day(before, Quartiles.of(churnedScores), Quartiles.of(retainedScores)));
        }
        return new Trajectories(redMax, days);
    }
}
