package io.healthstream.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When an account churned: its first cancellation that is not followed by a paid reactivation within the
 * horizon, with the MRR it was paying just before (what was lost).
 */
public record Churn(Instant at, long mrr, String currency) {
    static Optional<Churn> of(List<BillingMove> moves, Duration horizon) {
        for (BillingMove move : moves) {
            if (move.kind() == BillingMove.Kind.CANCELLED && !reactivatedWithin(moves, move.at(), horizon)) {
                return Optional.of(new Churn(move.at(), move.mrrBefore(), move.currency()));
            }
        }
        return Optional.empty();
    }

    private static boolean reactivatedWithin(List<BillingMove> moves, Instant cancelled, Duration horizon) {
        Instant end = cancelled.plus(horizon);
        return moves.stream()
                .anyMatch(move -> move.paidReactivation()
                        && move.at().isAfter(cancelled)
                        && !move.at().isAfter(end));
    }
}
