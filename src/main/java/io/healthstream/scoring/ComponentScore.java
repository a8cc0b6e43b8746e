package io.healthstream.scoring;

import java.util.function.Supplier;

/**
 * One component's unweighted value and why it has that value ("1 open urgent ticket (-30)"). The
 * explanation is built only when asked for: most re-evaluations publish nothing and need only the value.
 */
public record ComponentScore(String component, double value, Supplier<String> reason) {

    public String why() {
        return reason.get();
    }

    /** The component's driver: its weighted points in the score, explained. */
    Driver driver(double weight) {
        return new Driver(component, why() + ": " + component + " " + Points.format(value), weight * value);
    }
}
