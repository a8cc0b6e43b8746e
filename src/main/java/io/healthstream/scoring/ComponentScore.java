package io.healthstream.scoring;

import java.util.List;

/** One component's unweighted value and the drivers (already weighted) that explain it. */
public record ComponentScore(double value, List<Driver> drivers) {
    public ComponentScore {
        drivers = List.copyOf(drivers);
    }
}
