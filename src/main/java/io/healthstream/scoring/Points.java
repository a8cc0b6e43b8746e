package io.healthstream.scoring;

import java.util.Locale;

/** Formatting and rounding of score points, in one place so messages and values agree. */
final class Points {
    private Points() {
    }

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** "60", "12.5": no trailing zeros, at most 2 decimals. */
    static String format(double value) {
        double rounded = round2(value);
        return rounded == Math.rint(rounded)
                ? String.format(Locale.ROOT, "%d", (long) rounded)
                : String.format(Locale.ROOT, "%s", rounded);
    }

    static String plural(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
