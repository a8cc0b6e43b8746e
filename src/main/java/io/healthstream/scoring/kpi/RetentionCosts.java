package io.healthstream.scoring.kpi;

/**
 * Customer retention cost per account and month by touch tier ({@code kpis.crc.*}), minor units; a tier
 * not set costs nothing. {@link #NONE} when no tier is set: then no LTV:CRC is computed.
 */
public record RetentionCosts(Long lowTouch, Long midTouch, Long highTouch) {
    public static final RetentionCosts NONE = new RetentionCosts(null, null, null);

    public boolean configured() {
        return lowTouch != null || midTouch != null || highTouch != null;
    }

    /** What the accounts of {@code paying} cost to retain in a month. */
    public long monthly(TierCounts paying) {
        return paying.lowTouch() * orZero(lowTouch)
                + paying.midTouch() * orZero(midTouch)
                + paying.highTouch() * orZero(highTouch);
    }

    private static long orZero(Long cost) {
        return cost == null ? 0 : cost;
    }
}
