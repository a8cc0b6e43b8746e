package io.healthstream.topology;

import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.Outcome;
import java.util.List;

/** Every topic healthstream reads or writes; referenced only through these constants. */
public final class Topics {
    public static final String SUBSCRIPTION_EVENTS = "subscription-events";
    public static final String USAGE_EVENTS = "usage-events";
    public static final String NPS_RESPONSES = "nps-responses";
    public static final String SUPPORT_TICKETS = "support-tickets";
    /** CSM override commands: compacted, written by the API's override endpoints. */
    public static final String HEALTH_OVERRIDES = "health-overrides";

    public static final String ACCOUNT_HEALTH = "account-health";
    public static final String CHURN_SIGNALS = "churn-signals";
    public static final String CONTRACTION_ALERTS = "contraction-alerts";
    public static final String EXPANSION_OPPORTUNITIES = "expansion-opportunities";
    public static final String NPS_FOLLOWUPS = "nps-followups";
    public static final String SAAS_KPIS = "saas-kpis";

    public static final String DEAD_LETTER = "healthstream-dlq";
    /**
     * The segments' monthly churn rates, from the KPI ledger to every account task (a global store) for per-account
     * LTV: healthstream's own, compacted, registry-free Avro ({@code StoredSegmentChurnRates}).
     */
    public static final String SEGMENT_CHURN = "healthstream-segment-churn";

    public static final List<String> INPUTS =
            List.of(SUBSCRIPTION_EVENTS, USAGE_EVENTS, NPS_RESPONSES, SUPPORT_TICKETS, HEALTH_OVERRIDES);
    public static final List<String> OUTPUTS = List.of(
            ACCOUNT_HEALTH, CHURN_SIGNALS, CONTRACTION_ALERTS, EXPANSION_OPPORTUNITIES, NPS_FOLLOWUPS, SAAS_KPIS);

    /** The input topic that carries events of {@code source}. */
    public static String of(EventSource source) {
        return switch (source) {
            case SUBSCRIPTION -> SUBSCRIPTION_EVENTS;
            case USAGE -> USAGE_EVENTS;
            case NPS -> NPS_RESPONSES;
            case TICKET -> SUPPORT_TICKETS;
            case OVERRIDE -> HEALTH_OVERRIDES;
        };
    }

    /** The output topic that carries records of {@code outcome}. */
    public static String of(Outcome outcome) {
        if (outcome instanceof Outcome.HealthUpdate) {
            return ACCOUNT_HEALTH;
        }
        if (outcome instanceof Outcome.ChurnAlert) {
            return CHURN_SIGNALS;
        }
        if (outcome instanceof Outcome.Contraction) {
            return CONTRACTION_ALERTS;
        }
        if (outcome instanceof Outcome.NpsFeedback) {
            return NPS_FOLLOWUPS;
        }
        return EXPANSION_OPPORTUNITIES;
    }

    private Topics() {}
}
