package io.healthstream.scoring;

/** One component's unweighted value and why it has that value ({@code why} reads "1 open urgent ticket (-30)"). */
public record ComponentScore(String component, double value, String why) {

    /** The component's driver: its weighted points in the score, explained. */
    Driver driver(double weight) {
        return new Driver(component, why + ": " + component + " " + Points.format(value), weight * value);
    }
}
