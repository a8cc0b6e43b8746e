package io.healthstream.scoring;

import java.util.Set;

/**
 * Which accounts a segment takes: each rule given must hold, and a rule holds when the account's value is
 * one of those listed (plans and attributes compared exactly). An empty set is a rule not given.
 */
public record SegmentMatch(Set<String> plans, Set<TouchModel> touches, Set<String> attributes) {
    public SegmentMatch {
        plans = Set.copyOf(plans);
        touches = Set.copyOf(touches);
        attributes = Set.copyOf(attributes);
    }

    /** Whether at least one rule is given: a segment without one would take every account. */
    public boolean hasRules() {
        return !plans.isEmpty() || !touches.isEmpty() || !attributes.isEmpty();
    }

    public boolean matches(String plan, TouchModel touch, String attribute) {
        return holds(plans, plan) && holds(touches, touch) && holds(attributes, attribute);
    }

    private static <T> boolean holds(Set<T> allowed, T value) {
        return allowed.isEmpty() || (value != null && allowed.contains(value));
    }
}
