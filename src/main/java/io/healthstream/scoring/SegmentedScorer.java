package io.healthstream.scoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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

    /** The name of the segment whose model scores {@code state} now. */
    public String segmentOf(AccountState state) {
        return segments.of(state).name();
    }

    /** The band bounds of the model that scores {@code state} now. */
    public ModelConfig.Bands bandsOf(AccountState state) {
        return segments.of(state).model().bands();
    }

    /** The names of the segments, in match order, the default last. */
    public List<String> segmentNames() {
        return segments.all().stream().map(Segment::name).toList();
    }

    public HealthAssessment assess(AccountState state, Instant now) {
        return scorers.get(segments.of(state).name()).assess(state, now);
    }
}
