package io.healthstream.scoring;

/** Net Promoter categories: detractor 0-6, passive 7-8, promoter 9-10. */
public enum NpsGroup {
    DETRACTOR(24),
    PASSIVE(72),
    PROMOTER(168);

    private final int respondWithinHours;

    NpsGroup(int respondWithinHours) {
        this.respondWithinHours = respondWithinHours;
    }

    /** How soon to follow up: a detractor gets a call within 24 hours (DOMAIN.md). */
    public int respondWithinHours() {
        return respondWithinHours;
    }

    public static NpsGroup of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("NPS score must be 0-10, got " + score);
        }
        if (score <= 6) {
            return DETRACTOR;
        }
        return score <= 8 ? PASSIVE : PROMOTER;
    }
}
