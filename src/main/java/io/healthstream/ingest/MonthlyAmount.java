package io.healthstream.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A recurring price's amount per month, as subscription-analytics tools normalise it: a yearly price counts a
 * twelfth, a weekly one 52/12 of itself, a daily one 365/12, each divided by the interval count (a price billed
 * every 3 months counts a third). Not rounded: the caller rounds once, to whole minor units.
 */
final class MonthlyAmount {
    private static final int SCALE = 10;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private MonthlyAmount() {}

    /**
     * @param amount the amount billed each interval, in (possibly fractional) minor units
     * @throws InvalidPayloadException for an interval Stripe does not have
     */
    static BigDecimal of(BigDecimal amount, String interval, int intervalCount) {
        if (intervalCount < 1) {
            throw new InvalidPayloadException("price interval_count must be at least 1, got " + intervalCount);
        }
        BigDecimal perInterval = amount.divide(BigDecimal.valueOf(intervalCount), SCALE, RoundingMode.HALF_UP);
        return switch (interval) {
            case "month" -> perInterval;
            case "year" -> perInterval.divide(TWELVE, SCALE, RoundingMode.HALF_UP);
            case "week" -> perInterval.multiply(BigDecimal.valueOf(52)).divide(TWELVE, SCALE, RoundingMode.HALF_UP);
            case "day" -> perInterval.multiply(BigDecimal.valueOf(365)).divide(TWELVE, SCALE, RoundingMode.HALF_UP);
            default ->
                throw new InvalidPayloadException(
                        "price interval must be day, week, month or year, got '" + interval + "'");
        };
    }
}
