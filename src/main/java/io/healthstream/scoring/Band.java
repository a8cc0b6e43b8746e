package io.healthstream.scoring;

/** Customer-health bands of DOMAIN.md, lowest first. */
public enum Band {
    RED,
    YELLOW,
    GREEN,
    THRIVING;

    /** The band of an exact (unrounded) score: bounds are inclusive, so exactly 40 is RED. */
    public static Band of(double score, ModelConfig.Bands bands) {
        if (score <= bands.redMax()) {
            return RED;
        }
        if (score <= bands.yellowMax()) {
            return YELLOW;
        }
        return score <= bands.greenMax() ? GREEN : THRIVING;
    }
}
