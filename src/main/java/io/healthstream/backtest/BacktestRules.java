package io.healthstream.backtest;

import java.time.Duration;

/** The two choices a backtest is run with: {@code --horizon-days} and {@code --flag}. */
public record BacktestRules(Duration horizon, FlagRule flag) {
    public BacktestRules {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the horizon must be positive, got " + horizon);
        }
    }
}
