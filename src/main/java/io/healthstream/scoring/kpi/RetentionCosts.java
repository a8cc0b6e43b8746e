package io.healthstream.scoring.kpi;

import io.healthstream.scoring.TouchModel;

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

    /** What one account of {@code tier} costs to retain in a month; null when its key is not set. */
    public Long of(TouchModel tier) {
        return switch (tier) {
            case LOW_TOUCH -> lowTouch;
            case MID_TOUCH -> midTouch;
            case HIGH_TOUCH -> highTouch;
        };
    }

    private static long orZero(Long cost) {
        return cost == null ? 0 : cost;
    }
}
