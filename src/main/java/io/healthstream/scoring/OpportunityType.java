package io.healthstream.scoring;

/** Reasons an account is an expansion opportunity. */
public enum OpportunityType {
    THRIVING_ENTERED,
    PROMOTER,
    USAGE_ABOVE_PLAN
}
