package io.healthstream.scoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The base model and the segments that override it, in match order: an account is scored with the model
 * of the first segment whose rules it meets, else with the base model under the name {@link #DEFAULT}.
 * The touch tier an account is matched on is the one the base model gives it, so a segment that overrides
 * the touch thresholds cannot move accounts in or out of itself.
 */
public final class Segments {
    /** The segment of accounts no segment matched. */
    public static final String DEFAULT = "default";

    private final ModelConfig base;
    private final List<Segment> ordered;

    public Segments(ModelConfig base, List<Segment> ordered) {
        Set<String> names = new HashSet<>();
        for (Segment segment : ordered) {
            if (segment.name().equals(DEFAULT)) {
                throw new InvalidSettingException(
                        "segments.order", "'" + DEFAULT + "' is the segment of the base model");
            }
            if (!names.add(segment.name())) {
                throw new InvalidSettingException("segments.order", "names segment '" + segment.name() + "' twice");
            }
        }
        this.base = base;
        this.ordered = List.copyOf(ordered);
    }

    /** Only the base model. */
    public static Segments none(ModelConfig base) {
        return new Segments(base, List.of());
    }

    public ModelConfig base() {
        return base;
    }

    /** The segments in match order, the default last. */
    public List<Segment> all() {
        List<Segment> all = new ArrayList<>(ordered);
        all.add(new Segment(DEFAULT, new SegmentMatch(Set.of(), Set.of(), Set.of()), base));
        return all;
    }

    /** The segment that scores {@code state} now. */
    public Segment of(AccountState state) {
        AccountState.Subscription subscription = state.subscription();
        TouchModel touch = TouchModel.of(subscription.tierMrr(), base.touch());
        return ordered.stream()
                .filter(s -> s.match().matches(subscription.plan(), touch, subscription.segmentAttribute()))
                .findFirst()
                .orElseGet(() -> all().get(ordered.size()));
    }
}
