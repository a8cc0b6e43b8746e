package io.healthstream.metrics;

import io.healthstream.scoring.Band;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Accounts by their last published band, as counted in this instance's stores. Counting the stores, not
 * band transitions, keeps the gauge right across restarts and task moves; the count is cached so scrapes
 * do not each scan the store, and while the stores cannot be counted (empty answer) the last count stays
 * rather than drop to zero. Summed over instances it is the portfolio.
 */
final class AccountsByBand {
    private final Supplier<Optional<Map<Band, Long>>> counter;
    private final Clock clock;
    private final Duration maxAge;
    private Map<Band, Long> counts = new EnumMap<>(Band.class);
    private Instant countedAt = Instant.MIN;

    AccountsByBand(Supplier<Optional<Map<Band, Long>>> counter, Clock clock, Duration maxAge) {
        this.counter = counter;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    synchronized double count(Band band) {
        Instant now = clock.instant();
        if (countedAt.plus(maxAge).isBefore(now)) {
            counter.get().ifPresent(fresh -> counts = fresh);
            countedAt = now;
        }
        return counts.getOrDefault(band, 0L);
    }
}
