package io.healthstream.tools.generator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo SaaS business: its plans, add-ons and product actions with their impact scores. The
 * matching model settings live in {@code demo.properties}; a test keeps the two in step.
 */
public final class Catalog {
    public static final String CURRENCY = "USD";
    /** Monthly price of one add-on, minor units. */
    public static final long ADDON_PRICE = 4_900;

    public static final List<String> ADDONS = List.of("sso", "advanced-analytics", "audit-log");

    /** From cheapest to dearest: a downgrade moves one step left, an upgrade one step right. */
    public static final List<Plan> PLANS = List.of(
            new Plan("starter", 1_500, 150, 3),
            new Plan("pro", 2_500, 400, 8),
            new Plan("business", 4_000, 1_000, 20),
            new Plan("enterprise", 5_000, 3_000, 60));

    /** Impact score of each product action ({@code usage.impact.<action>}). */
    public static final Map<String, Double> IMPACTS = impacts();

    public static final String LOGIN = "login";
    public static final String REPORT_EXPORTED = "report_exported";
    public static final String DASHBOARD_CREATED = "dashboard_created";
    public static final String INVITE_SENT = "invite_sent";
    public static final String INVITE_ACCEPTED = "invite_accepted";
    public static final String ONBOARDING_STEP = "onboarding_step_completed";
    /** Onboarding steps in order, as in {@code onboarding.steps}. */
    public static final List<String> ONBOARDING_STEPS = List.of("signup", "connect_api", "first_report");

    private Catalog() {}

    private static Map<String, Double> impacts() {
        Map<String, Double> impacts = new LinkedHashMap<>();
        impacts.put(LOGIN, 1.0);
        impacts.put(REPORT_EXPORTED, 5.0);
        impacts.put(DASHBOARD_CREATED, 3.0);
        impacts.put(INVITE_SENT, 2.0);
        impacts.put(INVITE_ACCEPTED, 4.0);
        impacts.put(ONBOARDING_STEP, 10.0);
        return Map.copyOf(impacts);
    }

    static Plan plan(String name) {
        return PLANS.stream()
                .filter(plan -> plan.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no plan " + name));
    }

    /** The next cheaper plan, or the same plan when it is the cheapest. */
    static Plan cheaper(Plan plan) {
        return PLANS.get(Math.max(0, PLANS.indexOf(plan) - 1));
    }

    /** The next dearer plan, or the same plan when it is the dearest. */
    static Plan dearer(Plan plan) {
        return PLANS.get(Math.min(PLANS.size() - 1, PLANS.indexOf(plan) + 1));
    }
}
