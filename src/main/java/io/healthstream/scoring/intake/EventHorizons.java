package io.healthstream.scoring.intake;

import io.healthstream.scoring.CsmOverride;
import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Segments;
import io.healthstream.scoring.kpi.KpiConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How far back an event of each source can still change a score or a KPI, derived from the model's own
 * windows: an event older than its account's newest event by more than this is late and changes
 * nothing, and duplicate detection remembers ids exactly this long. A KPI period takes events until its
 * end plus {@code kpis.grace}, so every source that feeds KPIs reaches back one longest period plus
 * the grace.
 */
public final class EventHorizons {
    private final Map<EventSource, Duration> horizons = new EnumMap<>(EventSource.class);

    public EventHorizons(ModelConfig model, KpiConfig kpis) {
        this(Segments.none(model), kpis);
    }

    /** The horizons of the longest windows any segment's model has, as an account may move between them. */
    public EventHorizons(Segments segments, KpiConfig kpis) {
        this(segments, kpis, CsmOverride.DEFAULT_MAX_DURATION);
    }

    /**
     * As above, with overrides lasting at most {@code maxOverride}: an override command older than that is
     * over whatever it said, so it is late.
     */
    public EventHorizons(Segments segments, KpiConfig kpis, Duration maxOverride) {
        Duration kpiReach = kpis.period().maxLength().plus(kpis.grace());
        Duration usageWindow =
                longest(segments.all().stream().map(s -> s.model().usage().window()));
        Duration npsWindow =
                longest(segments.all().stream().map(s -> s.model().nps().window()));
        horizons.put(EventSource.USAGE, longest(usageWindow, ModelConfig.SignalRules.usageTrendReach(), kpiReach));
        horizons.put(EventSource.NPS, longest(npsWindow, kpiReach));
        // Contractions count for the usage window; billing moves feed KPI periods.
        horizons.put(EventSource.SUBSCRIPTION, longest(usageWindow, kpiReach));
        // Resolved tickets are remembered for the usage window, so an older event cannot reopen them.
        horizons.put(EventSource.TICKET, usageWindow);
        horizons.put(EventSource.OVERRIDE, maxOverride);
    }

    public Duration of(EventSource source) {
        return horizons.get(source);
    }

    /** Every source's horizon, for the README and the start-up log. */
    public Map<EventSource, Duration> all() {
        return Map.copyOf(horizons);
    }

    private static Duration longest(Duration... durations) {
        return longest(Stream.of(durations));
    }

    private static Duration longest(Stream<Duration> durations) {
        return durations.max(Duration::compareTo).orElseThrow();
    }
}
