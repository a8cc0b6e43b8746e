package io.healthstream.scoring.kpi;

import io.healthstream.scoring.TouchModel;

/** Paying accounts per touch tier (or a change of them): what retention costs are counted from. */
public record TierCounts(long lowTouch, long midTouch, long highTouch) {
    public static final TierCounts ZERO = new TierCounts(0, 0, 0);

    /** One account of {@code tier}; none when the tier is unknown. */
    public static TierCounts one(TouchModel tier) {
        if (tier == null) {
            return ZERO;
        }
        return switch (tier) {
            case LOW_TOUCH -> new TierCounts(1, 0, 0);
            case MID_TOUCH -> new TierCounts(0, 1, 0);
            case HIGH_TOUCH -> new TierCounts(0, 0, 1);
        };
    }

    public long total() {
        return lowTouch + midTouch + highTouch;
    }

    public TierCounts plus(TierCounts other) {
        return new TierCounts(lowTouch + other.lowTouch, midTouch + other.midTouch, highTouch + other.highTouch);
    }

    public TierCounts minus(TierCounts other) {
        return new TierCounts(lowTouch - other.lowTouch, midTouch - other.midTouch, highTouch - other.highTouch);
    }
}
