package io.healthstream.backtest;

import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.SignalType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the backtest knows of one account, each list in time order: the scores account-health
 * published, the CRITICAL signals churn-signals published, and the cancellations and reactivations of the
 * export.
 */
public record AccountHistory(
        String accountId, List<ScorePoint> scores, List<CriticalSignal> criticalSignals, List<BillingMove> moves) {
    public AccountHistory {
        scores = sorted(scores, Comparator.comparing(ScorePoint::asOf));
        criticalSignals = sorted(criticalSignals, Comparator.comparing(CriticalSignal::detectedAt));
        moves = sorted(moves, Comparator.comparing(BillingMove::at));
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** The score at {@code date}: the last one published at or before it; empty before the first. */
    public Optional<ScorePoint> scoreAt(Instant date) {
        int low = 0;
        int high = scores.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (scores.get(middle).asOf().isAfter(date)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low == 0 ? Optional.empty() : Optional.of(scores.get(low - 1));
    }

    /**
     * The account as another model would have scored it: every score re-weighted from its components, and
     * RED_BAND_ENTERED signals where that model's band enters RED instead of where the original one did.
     */
    AccountHistory rescored(ModelConfig.Weights weights, ModelConfig.Bands bands) {
        List<ScorePoint> rescored =
                scores.stream().map(point -> point.rescored(weights, bands)).toList();
        List<CriticalSignal> signals = new ArrayList<>(criticalSignals.stream()
                .filter(signal -> signal.type() != SignalType.RED_BAND_ENTERED)
                .toList());
        FlagRule.redEntries(rescored).forEach(at -> signals.add(new CriticalSignal(at, SignalType.RED_BAND_ENTERED)));
        return new AccountHistory(accountId, rescored, signals, moves);
    }
}
