package io.healthstream.scoring;

import java.util.List;
import java.util.Map;

/**
 * A scored account: the exact score decides the band, {@code score} is it rounded to 2 decimals for
 * display; drivers are ordered most influential first. {@code reasons} says, per component name, why it has its
 * value (also for a component worth 0 points, which has no driver): what "what changed" quotes.
 */
public record HealthAssessment(
        double exactScore,
        double score,
        Band band,
        Components components,
        List<Driver> drivers,
        TouchModel touch,
        String recommendedAction,
        Map<String, String> reasons) {
    public HealthAssessment {
        drivers = List.copyOf(drivers);
        reasons = Map.copyOf(reasons);
    }

    /** This assessment calling for {@code action} instead. */
    public HealthAssessment withRecommendedAction(String action) {
        return new HealthAssessment(exactScore, score, band, components, drivers, touch, action, reasons);
    }
}
