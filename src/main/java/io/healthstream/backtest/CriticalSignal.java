package io.healthstream.backtest;

import io.healthstream.scoring.SignalType;
import java.time.Instant;

/** A CRITICAL churn signal as churn-signals published it: which rule fired and at what event time. */
public record CriticalSignal(Instant detectedAt, SignalType type) {}
