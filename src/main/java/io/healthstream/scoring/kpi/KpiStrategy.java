package io.healthstream.scoring.kpi;

import java.util.List;

/**
 * What the business optimises for now, and so which three KPI fields it reads first
 * (DOMAIN.md, "Which KPIs matter when"): {@code kpis.strategy}.
 */
public enum KpiStrategy {
    /**
     * Churn and sessions per day, as the guide says; plus NPS, because a detractor is the earliest
     * warning of a churn to come (the guide's detractor follow-up exists "to prevent churn").
     */
    STABILITY(List.of("churn_rate_pct", "sessions_per_day", "nps")),
    /**
     * Trial conversion and onboarding engagement, as the guide says; plus the k-factor, because users
     * inviting others unprompted is the product pulling its own weight.
     */
    PMF(List.of("trial_to_paid_pct", "activation_pct", "k_factor")),
    /** Expansion revenue and LTV:CAC, as the guide says; plus NRR, where the guide gives the benchmark (120 %). */
    PROFITABILITY(List.of("mrr_expansion", "ltv_to_cac", "nrr_pct"));

    private final List<String> headline;

    KpiStrategy(List<String> headline) {
        this.headline = headline;
    }

    /** Names of the PortfolioKpis fields this strategy looks at first. */
    public List<String> headline() {
        return headline;
    }
}
