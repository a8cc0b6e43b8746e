package io.healthstream.scoring;

/** Ways a customer who stays can pay less. */
public enum ContractionType {
    DOWNGRADE, SEATS_REDUCED, ADDON_CANCELLED
}
