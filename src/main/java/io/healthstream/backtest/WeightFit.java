package io.healthstream.backtest;

import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Searches the weights (each a multiple of {@value #STEP}, summing to 1) and the RED threshold (every whole
 * score below the YELLOW limit) for the best recall at a precision no lower than the current model's. Each
 * candidate re-scores the components the published scores carry, so the export is replayed once, not once per
 * candidate: a candidate whose score crosses its threshold between two published scores is seen entering RED
 * at the later one. Ties go to the higher precision, then to the weights nearest the current ones.
 */
public final class WeightFit {
    public static final double STEP = 0.05;
    private static final int STEPS = 20;

    private final ExportHistory export;
    private final BacktestRules rules;
    private final ModelConfig.Bands bands;
    private final List<Account> accounts;

    public WeightFit(ExportHistory export, BacktestRules rules, ModelConfig.Bands bands) {
        this.export = export;
        this.rules = rules;
        this.bands = bands;
        this.accounts = export.accounts().stream().map(this::account).toList();
    }

    /** A model the search can pick: its weights and its RED threshold. */
    public record Candidate(ModelConfig.Weights weights, double redMax) {}

    /**
     * What the search found.
     *
     * @param current       the current model, re-scored the same way, and its counts: the precision to keep
     * @param best          the winning candidate and its full figures
     * @param candidates    how many candidates were scored
     */
    public record Result(
            Candidate current, Counts currentCounts, Candidate best, Figures bestFigures, long candidates) {}

    public Result search(ModelConfig.Weights currentWeights) {
        double[] thresholds = thresholds();
        Candidate current = new Candidate(currentWeights, bands.redMax());
        Counts currentCounts = counts(currentWeights, new double[] {bands.redMax()})[0];
        double floor = currentCounts.precision().orElse(0);
        List<ModelConfig.Weights> grid = grid(currentWeights);
        Scored best = IntStream.range(0, grid.size())
                .parallel()
                .mapToObj(i -> bestOf(grid.get(i), thresholds, floor, currentWeights))
                .flatMap(Optional::stream)
                .min(Scored.ORDER)
                .orElse(new Scored(current, currentCounts, 0));
        Figures figures = Backtest.evaluate(rescored(best.candidate), rules);
        return new Result(current, currentCounts, best.candidate, figures, (long) grid.size() * thresholds.length);
    }

    /** The export as {@code candidate} would have scored it. */
    public ExportHistory rescored(Candidate candidate) {
        ModelConfig.Bands candidateBands =
                new ModelConfig.Bands(candidate.redMax(), bands.yellowMax(), bands.greenMax());
        return new ExportHistory(
                export.accounts().stream()
                        .map(account -> account.rescored(candidate.weights(), candidateBands))
                        .toList(),
                export.lastEventTime());
    }

    private Optional<Scored> bestOf(
            ModelConfig.Weights weights, double[] thresholds, double floor, ModelConfig.Weights current) {
        Counts[] counts = counts(weights, thresholds);
        double distance = Math.abs(weights.usage() - current.usage())
                + Math.abs(weights.billing() - current.billing())
                + Math.abs(weights.support() - current.support())
                + Math.abs(weights.nps() - current.nps());
        Scored best = null;
        for (int k = 0; k < thresholds.length; k++) {
            if (counts[k].precision().isPresent() && counts[k].precision().getAsDouble() >= floor) {
                Scored scored = new Scored(new Candidate(weights, thresholds[k]), counts[k], distance);
                best = best == null || Scored.ORDER.compare(scored, best) < 0 ? scored : best;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whole scores from 1 up to below the YELLOW limit, and the current threshold. */
    private double[] thresholds() {
        TreeSet<Double> values = new TreeSet<>();
        for (int t = 1; t < bands.yellowMax(); t++) {
            values.add((double) t);
        }
        values.add(bands.redMax());
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every weight vector on the grid, and the current one if it is not on it. */
    private static List<ModelConfig.Weights> grid(ModelConfig.Weights current) {
        List<ModelConfig.Weights> grid = new ArrayList<>();
        for (int u = 0; u <= STEPS; u++) {
            for (int b = 0; u + b <= STEPS; b++) {
                for (int s = 0; u + b + s <= STEPS; s++) {
                    int n = STEPS - u - b - s;
                    grid.add(new ModelConfig.Weights(
                            u / (double) STEPS, b / (double) STEPS, s / (double) STEPS, n / (double) STEPS));
                }
            }
        }
        if (grid.stream().noneMatch(w -> same(w, current))) {
            grid.add(current);
        }
        return grid;
    }

    private static boolean same(ModelConfig.Weights a, ModelConfig.Weights b) {
        return Math.abs(a.usage() - b.usage()) < 1e-9
                && Math.abs(a.billing() - b.billing()) < 1e-9
                && Math.abs(a.support() - b.support()) < 1e-9;
    }

    /** The counts of {@code weights} at each threshold, in one pass over every account's scores. */
    private Counts[] counts(ModelConfig.Weights weights, double[] thresholds) {
        int[][] by = new int[Verdict.values().length][thresholds.length];
        boolean[] hit = new boolean[thresholds.length];
        boolean[] later = new boolean[thresholds.length];
        for (Account account : accounts) {
            double[] scores = account.scores(weights);
            Arrays.fill(hit, account.otherHit);
            Arrays.fill(later, account.otherLater);
            if (account.churned) {
                mark(scores, account.from, account.to, thresholds, hit);
                for (int k = 0; k < thresholds.length; k++) {
                    by[(hit[k] ? Verdict.TRUE_POSITIVE : Verdict.FALSE_NEGATIVE).ordinal()][k]++;
                }
            } else {
                mark(scores, 0, account.to, thresholds, hit);
                mark(scores, account.to, scores.length, thresholds, later);
                for (int k = 0; k < thresholds.length; k++) {
                    Verdict verdict =
                            hit[k] ? Verdict.FALSE_POSITIVE : later[k] ? Verdict.NOT_YET_JUDGED : Verdict.TRUE_NEGATIVE;
                    by[verdict.ordinal()][k]++;
                }
            }
        }
        Counts[] counts = new Counts[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            counts[k] = new Counts(
                    by[Verdict.TRUE_POSITIVE.ordinal()][k],
                    by[Verdict.FALSE_POSITIVE.ordinal()][k],
                    by[Verdict.FALSE_NEGATIVE.ordinal()][k],
                    by[Verdict.TRUE_NEGATIVE.ordinal()][k],
                    by[Verdict.NOT_YET_JUDGED.ordinal()][k]);
        }
        return counts;
    }

    /**
     * Marks the thresholds at which a score in [from, to) enters RED: score i enters RED under threshold t
     * when score i <= t < score i - 1 (any t at or above the first score).
     */
    private static void mark(double[] scores, int from, int to, double[] thresholds, boolean[] marks) {
        for (int i = from; i < to; i++) {
            int lowest = firstAtOrAbove(thresholds, scores[i]);
            int end = i == 0 ? thresholds.length : firstAtOrAbove(thresholds, scores[i - 1]);
            for (int k = lowest; k < end; k++) {
                marks[k] = true;
            }
        }
    }

    private static int firstAtOrAbove(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index >= 0) {
            return index;
        }
        return -index - 1;
    }

    /**
     * One account reduced to what the search needs: its components over time, the range of scores whose RED
     * entry counts (before churn within the horizon; for the others, the judged ones, the rest after), and
     * whether a CRITICAL signal other than RED_BAND_ENTERED already decides it.
     */
    private Account account(AccountHistory history) {
        Optional<Churn> churn = Churn.of(history.moves(), rules.horizon());
        List<ScorePoint> points = history.scores();
        Instant judgedUntil = export.lastEventTime().minus(rules.horizon());
        List<Instant> others = rules.flag() == FlagRule.CRITICAL
                ? history.criticalSignals().stream()
                        .filter(signal -> signal.type() != SignalType.RED_BAND_ENTERED)
                        .map(CriticalSignal::detectedAt)
                        .toList()
                : List.of();
        if (churn.isPresent()) {
            Instant end = churn.get().at();
            Instant start = end.minus(rules.horizon());
            return new Account(
                    points,
                    true,
                    indexOfFirst(points, at -> !at.isBefore(start)),
                    indexOfFirst(points, at -> !at.isBefore(end)),
                    others.stream().anyMatch(at -> !at.isBefore(start) && at.isBefore(end)),
                    false);
        }
        return new Account(
                points,
                false,
                0,
                indexOfFirst(points, at -> at.isAfter(judgedUntil)),
                others.stream().anyMatch(at -> !at.isAfter(judgedUntil)),
                !others.isEmpty());
    }

    private static int indexOfFirst(List<ScorePoint> points, Predicate<Instant> test) {
        for (int i = 0; i < points.size(); i++) {
            if (test.test(points.get(i).asOf())) {
                return i;
            }
        }
        return points.size();
    }

    private static final class Account {
        private final double[][] components;
        private final boolean churned;
        private final int from;
        private final int to;
        private final boolean otherHit;
        private final boolean otherLater;

        Account(List<ScorePoint> points, boolean churned, int from, int to, boolean otherHit, boolean otherLater) {
            this.components = points.stream()
                    .map(p -> new double[] {
                        p.components().usage(),
                        p.components().billing(),
                        p.components().support(),
                        p.components().nps()
                    })
                    .toArray(double[][]::new);
            this.churned = churned;
            this.from = from;
            this.to = to;
            this.otherHit = otherHit;
            this.otherLater = otherLater;
        }

        double[] scores(ModelConfig.Weights w) {
            double[] scores = new double[components.length];
            for (int i = 0; i < components.length; i++) {
                double[] c = components[i];
                double sum = w.usage() * c[0] + w.billing() * c[1] + w.support() * c[2] + w.nps() * c[3];
                scores[i] = Math.rint(sum * 1e9) / 1e9;
            }
            return scores;
        }
    }

    /** A candidate with its counts, ordered best first. */
    private record Scored(Candidate candidate, Counts counts, double distance) {
        static final Comparator<Scored> ORDER = Comparator.comparingDouble(
                        (Scored s) -> -s.counts.recall().orElse(0))
                .thenComparingDouble(s -> -s.counts.precision().orElse(0))
                .thenComparingDouble(Scored::distance)
                .thenComparingDouble(s -> s.candidate.redMax())
                .thenComparingDouble(s -> -s.candidate.weights().usage())
                .thenComparingDouble(s -> -s.candidate.weights().billing())
                .thenComparingDouble(s -> -s.candidate.weights().support());
    }
}
