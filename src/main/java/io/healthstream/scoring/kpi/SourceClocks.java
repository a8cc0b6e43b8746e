package io.healthstream.scoring.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event-time clocks of the account tasks that feed the KPI processor, one per input partition,
 * and the watermark that closes KPI periods: the slowest clock, so a partition that lags behind
 * another (a replay, a restart) still gets its events counted. A partition whose clock has not
 * moved for {@code idleAfter} of wall-clock time is idle and holds nobody back; when every one is
 * idle, everything is caught up and the latest clock counts. The watermark never goes back.
 */
public record SourceClocks(Map<Integer, Clock> clocks, Instant watermark) {

    /** One partition's latest event time, and the wall-clock time it last moved. */
    public record Clock(Instant at, Instant movedAt) {}

    public SourceClocks {
        clocks = Map.copyOf(clocks);
    }

    /**
     * Partitions 0 to {@code partitions - 1}, none heard from yet at {@code wallNow}: each holds the watermark
     * back until it sends its clock or turns out idle.
     */
    public static SourceClocks expecting(int partitions, Instant wallNow) {
        Map<Integer, Clock> clocks = new TreeMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            clocks.put(partition, new Clock(Instant.EPOCH, wallNow));
        }
        return new SourceClocks(clocks, Instant.EPOCH);
    }

    /** The most advanced partition's clock: where the input ends once every partition has sent everything. */
    public Instant latest() {
        return clocks.values().stream().map(Clock::at).max(Instant::compareTo).orElse(watermark);
    }

    /** Partition {@code partition}'s clock reads {@code at}, seen at wall-clock {@code wallNow}. */
    public SourceClocks advance(int partition, Instant at, Instant wallNow, Duration idleAfter) {
        Map<Integer, Clock> updated = new TreeMap<>(clocks);
        Clock previous = updated.get(partition);
        if (previous == null || at.isAfter(previous.at())) {
            updated.put(partition, new Clock(at, wallNow));
        }
        Instant slowestActive = null;
        Instant latest = Instant.EPOCH;
        for (Clock clock : updated.values()) {
            latest = clock.at().isAfter(latest) ? clock.at() : latest;
            boolean idle = !wallNow.isBefore(clock.movedAt().plus(idleAfter));
            if (!idle && (slowestActive == null || clock.at().isBefore(slowestActive))) {
                slowestActive = clock.at();
            }
        }
        Instant candidate = slowestActive == null ? latest : slowestActive;
        return new SourceClocks(updated, candidate.isAfter(watermark) ? candidate : watermark);
    }
}
