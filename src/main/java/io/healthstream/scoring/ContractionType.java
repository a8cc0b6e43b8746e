package io.healthstream.scoring;

/** Ways a customer who stays can pay less. */
public enum ContractionType {
    DOWNGRADE,
    SEATS_REDUCED,
    ADDON_CANCELLED;

    /** The CSM must contact the account immediately (DOMAIN.md): within a day, like the critical signals. */
    public int respondWithinHours() {
        return 24;
    }
}
