package io.healthstream.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * "What changed": the components that moved between an account's previous published assessment and the new one,
 * largest move first. Each names why the component now has its value; when an event caused the new score and
 * that event's input feeds the component, the event id is named too, and otherwise time passing moved it
 * (usage leaving its window, NPS answers ageing, a past-due spell growing).
 */
public final class ScoreChanges {
    private static final List<String> COMPONENTS = List.of("usage", "billing", "support", "nps");

    private ScoreChanges() {}

    /**
     * The moves from {@code before} to {@code after}; {@code eventId} null when time alone caused the new
     * assessment. Moves under half a hundredth of a point are rounding, not moves.
     */
    public static List<ScoreChange> between(
            Components before, HealthAssessment after, EventSource source, String eventId) {
        List<ScoreChange> changes = new ArrayList<>();
        for (String component : COMPONENTS) {
            double delta = Points.round2(value(after.components(), component) - value(before, component));
            if (delta != 0) {
                changes.add(new ScoreChange(
                        component, delta, after.reasons().get(component) + cause(component, source, eventId)));
            }
        }
        changes.sort(Comparator.comparingDouble((ScoreChange c) -> Math.abs(c.delta()))
                .reversed());
        return List.copyOf(changes);
    }

    private static String cause(String component, EventSource source, String eventId) {
        if (eventId != null && feeds(source).contains(component)) {
            return " (event " + eventId + ")";
        }
        return " (time passed)";
    }

    /** The components an input's events move; a subscription event also moves usage, through the plan's expected usage. */
    private static Set<String> feeds(EventSource source) {
        return switch (source) {
            case SUBSCRIPTION -> Set.of("billing", "usage");
            case USAGE -> Set.of("usage");
            case NPS -> Set.of("nps");
            case TICKET -> Set.of("support");
            // An override changes the band a CSM sees, never a component.
            case OVERRIDE -> Set.of();
        };
    }

    private static double value(Components components, String component) {
        return switch (component) {
            case "usage" -> components.usage();
            case "billing" -> components.billing();
            case "support" -> components.support();
            default -> components.nps();
        };
    }
}
