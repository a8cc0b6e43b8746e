package io.healthstream.scoring;

/** Formatting and rounding of score points, in one place so messages and values agree. */
final class Points {
    private Points() {}

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** "60", "12.5", "-0.25": no trailing zeros, at most 2 decimals. Hand-rolled: it runs for every assessment. */
    static String format(double value) {
        long hundredths = Math.round(value * 100.0);
        StringBuilder text = new StringBuilder(12);
        if (hundredths < 0) {
            text.append('-');
            hundredths = -hundredths;
        }
        text.append(hundredths / 100);
        long fraction = hundredths % 100;
        if (fraction != 0) {
            text.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                text.append(fraction % 10);
            }
        }
        return text.toString();
    }

    static String plural(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
