package io.healthstream.scoring;

import java.util.Locale;

/**
 * What a CSM should do, phrased for the account's touch model: a CSM call or 1:1 session for
 * high-touch, automated e-mail or in-app guidance for low-touch, both for mid-touch (DOMAIN.md).
 * A detractor is the exception: every tier gets the high-priority call within 24 hours, and the
 * tier only adds the automated part.
 */
public final class Playbook {
    private Playbook() {}

    public static String forBand(Band band, TouchModel touch) {
        return switch (band) {
            case RED -> phrase("Alert the CSM for an account review and intervene immediately", touch);
            case YELLOW -> phrase("Close the account's known knowledge gaps", touch);
            case GREEN -> phrase("Keep low-intensity monitoring", touch);
            case THRIVING -> phrase("Flag as an expansion-revenue opportunity and propose an upgrade", touch);
        };
    }

    public static String forSignal(SignalType type, String detail, TouchModel touch) {
        return switch (type) {
            case NPS_DETRACTOR -> detractorCall(touch);
            case RED_BAND_ENTERED -> phrase("Review the account now: it entered the RED band", touch);
            case PAYMENT_FAILED -> phrase("Help the account fix its payment before the subscription lapses", touch);
            case CANCELLED -> phrase("Run an exit interview and a win-back offer (reason: " + detail + ")", touch);
            case USAGE_DROP -> phrase("Find out why usage dropped and re-engage the users", touch);
            case INACTIVE -> phrase("Re-engage the account: " + detail, touch);
            case ONBOARDING_STALLED -> phrase("Help the trial past onboarding step '" + detail + "'", touch);
        };
    }

    /**
     * OVERRIDE_EXPIRED: tells the CSM that {@code expired} ended and the computed {@code band} is back, before what
     * that band calls for ({@code action}).
     */
    public static String overrideExpired(CsmOverride expired, Band band, String action) {
        return "OVERRIDE_EXPIRED: the override to " + expired.band() + " by " + expired.author() + " ('"
                + expired.reason() + "') ended; the computed band " + band + " is back. " + action;
    }

    public static String forContraction(ContractionType type, TouchModel touch) {
        String what = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return phrase("Contact the account now to understand the contraction (" + what + ")", touch);
    }

    public static String forNps(NpsGroup group, TouchModel touch) {
        return switch (group) {
            case DETRACTOR -> detractorCall(touch);
            case PASSIVE -> phrase("Send targeted value, such as a guide to a complex feature", touch);
            case PROMOTER -> phrase("Ask for a referral or a case study", touch);
        };
    }

    public static String forOpportunity(OpportunityType type, TouchModel touch) {
        return switch (type) {
            case THRIVING_ENTERED -> phrase("Propose an upgrade or add-ons: the account is a power user", touch);
            case PROMOTER -> phrase("Ask the promoter for a referral or a case study", touch);
            case USAGE_ABOVE_PLAN -> phrase("Offer the next plan: usage is above what the current plan expects", touch);
        };
    }

    /** The seed rule for detractors holds whatever the tier: a high-priority call within 24 hours. */
    private static String detractorCall(TouchModel touch) {
        String call = "High-priority call within 24 hours to address the problem and prevent churn";
        return touch == TouchModel.LOW_TOUCH
                ? call + ", plus automated e-mail or in-app guidance"
                : phrase(call, touch);
    }

    private static String phrase(String goal, TouchModel touch) {
        return goal + ", "
                + switch (touch) {
                    case HIGH_TOUCH -> "by a CSM call or 1:1 session";
                    case LOW_TOUCH -> "by automated e-mail or in-app guidance";
                    case MID_TOUCH -> "by a CSM call backed by automated e-mail and in-app guidance";
                };
    }
}
