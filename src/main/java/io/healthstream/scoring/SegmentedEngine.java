package io.healthstream.scoring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scores each account with the model of its segment. An event is assessed by the segment the account is in
 * once the event is applied, so a subscription event that moves it (new plan, touch tier or attribute) is
 * already scored with the new model; the passing of time by the segment it is in.
 */
public final class SegmentedEngine {
    private final Segments segments;
    private final Map<String, HealthEngine> engines = new LinkedHashMap<>();

    public SegmentedEngine(Segments segments) {
        this.segments = segments;
        segments.all().forEach(s -> engines.put(s.name(), new HealthEngine(s.name(), s.model())));
    }

    public HealthEngine.Result apply(AccountState state, AccountEvent event, Instant now) {
        HealthEngine before = engineOf(state);
        HealthEngine.Result result = before.apply(state, event, now);
        HealthEngine after = engineOf(result.state());
        // What decides the segment (plan, MRR, attribute) is applied alike by every model, so one retry settles it.
        return after == before ? result : after.apply(state, event, now);
    }

    public HealthEngine.Result tick(AccountState state, Instant now) {
        return engineOf(state).tick(state, now);
    }

    public Optional<Instant> nextChange(AccountState state, Instant after) {
        return engineOf(state).nextChange(state, after);
    }

    private HealthEngine engineOf(AccountState state) {
        return engines.get(segments.of(state).name());
    }
}
