package io.healthstream.scoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Assesses an account with the model of its segment, as {@link SegmentedEngine} scores it: look-ups of stored
 * state must show the score the engine publishes, not the base model's.
 */
public final class SegmentedScorer {
    private final Segments segments;
    private final Map<String, HealthScorer> scorers = new HashMap<>();

    public SegmentedScorer(Segments segments) {
        this.segments = segments;
        segments.all().forEach(segment -> scorers.put(segment.name(), new HealthScorer(segment.model())));
    }

    public HealthAssessment assess(AccountState state, Instant now) {
        return scorers.get(segments.of(state).name()).assess(state, now);
    }
}
