package io.healthstream.scoring;

import java.util.List;

/**
 * A scored account: the exact score decides the band, {@code score} is it rounded to 2 decimals for
 * display; drivers are ordered most influential first.
 */
public record HealthAssessment(
        double exactScore,
        double score,
        Band band,
        Components components,
        List<Driver> drivers,
        TouchModel touch,
        String recommendedAction) {
    public HealthAssessment {
        drivers = List.copyOf(drivers);
    }

    /** This assessment calling for {@code action} instead. */
    public HealthAssessment withRecommendedAction(String action) {
        return new HealthAssessment(exactScore, score, band, components, drivers, touch, action);
    }
}
