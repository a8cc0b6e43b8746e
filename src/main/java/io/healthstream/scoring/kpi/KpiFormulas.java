package io.healthstream.scoring.kpi;

import java.util.List;

/**
 * The portfolio KPI formulas of DOMAIN.md and issue 6. A ratio whose denominator is zero is null,
 * and {@code notes} gets one line saying why: never NaN, Infinity or an exception.
 */
public final class KpiFormulas {
    private KpiFormulas() {}

    /** Customers lost / customers at period start x 100. */
    public static Double churnRatePct(long churned, long accountsStart, List<String> notes) {
        return percent(churned, accountsStart, "churn_rate_pct", "no paying accounts at period start", notes);
    }

    /** (start + expansion - contraction - churned) / start x 100. */
    public static Double nrrPct(long mrrStart, long expansion, long contraction, long churned, List<String> notes) {
        return percent(
                mrrStart + expansion - contraction - churned, mrrStart, "nrr_pct", "no MRR at period start", notes);
    }

    /** (start - contraction - churned) / start x 100: NRR without expansion, so at most 100. */
    public static Double grrPct(long mrrStart, long contraction, long churned, List<String> notes) {
        return percent(mrrStart - contraction - churned, mrrStart, "grr_pct", "no MRR at period start", notes);
    }

    /** Expansion MRR greater than churned MRR: the ideal state. */
    public static boolean negativeChurn(long expansion, long churned) {
        return expansion > churned;
    }

    /** Average revenue per account: MRR / paying accounts, minor units. */
    public static Double arpa(long mrr, long accounts, List<String> notes) {
        return ratio(mrr, accounts, "arpa", "no paying accounts at period end", notes);
    }

    /** 1 / churn rate, in periods; {@code monthsPerPeriod} turns it into months (1 % monthly churn: 100 months). */
    public static Double lifetimeMonths(Double churnRatePct, double monthsPerPeriod, List<String> notes) {
        if (churnRatePct == null) {
            notes.add("lifetime_months is null: churn_rate_pct is null");
            return null;
        }
        Double periods = ratio(1, churnRatePct / 100, "lifetime_months", "no churn in the period", notes);
        return periods == null ? null : periods * monthsPerPeriod;
    }

    /** ARPA x lifetime (= ARPA / monthly churn), times the gross margin when one is set. */
    public static Double ltv(Double arpa, Double lifetimeMonths, Double grossMargin, List<String> notes) {
        if (arpa == null || lifetimeMonths == null) {
            notes.add("ltv is null: " + (arpa == null ? "arpa" : "lifetime_months") + " is null");
            return null;
        }
        return arpa * lifetimeMonths * (grossMargin == null ? 1 : grossMargin);
    }

    /** LTV / CAC when a CAC is configured; null (without a note) when it is not. */
    public static Double ltvToCac(Double ltv, Long cac, List<String> notes) {
        if (cac == null) {
            return null;
        }
        if (ltv == null) {
            notes.add("ltv_to_cac is null: ltv is null");
            return null;
        }
        return ratio(ltv, cac, "ltv_to_cac", "kpis.cac is 0", notes);
    }

    /** The guide's rule: LTV:CAC should be at least 3:1. Null when there is no ratio. */
    public static Boolean belowLtvToCacTarget(Double ltvToCac) {
        return ltvToCac == null ? null : ltvToCac < KpiConfig.LTV_TO_CAC_TARGET;
    }

    /** Monthly retention cost / paying accounts whose touch tier is known, minor units. */
    public static Double retentionCostPerAccount(RetentionCosts costs, TierCounts paying, List<String> notes) {
        return ratio(
                costs.monthly(paying),
                paying.total(),
                "retention_cost_per_account",
                "no paying accounts with a touch tier at period end",
                notes);
    }

    /**
     * LTV / the retention cost over the same lifetime: (arpa x margin x lifetime) / (crc x lifetime), so
     * arpa x margin / crc, defined even when no account churned. Null (without a note) when no
     * {@code kpis.crc} key is set.
     */
    public static Double ltvToCrc(
            Double arpa, Double grossMargin, Double crcPerAccount, RetentionCosts costs, List<String> notes) {
        if (!costs.configured()) {
            return null;
        }
        if (arpa == null || crcPerAccount == null) {
            notes.add("ltv_to_crc is null: " + (arpa == null ? "arpa" : "retention_cost_per_account") + " is null");
            return null;
        }
        return ratio(
                arpa * (grossMargin == null ? 1 : grossMargin),
                crcPerAccount,
                "ltv_to_crc",
                "the paying accounts' touch tiers cost nothing to retain",
                notes);
    }

    /** The guide's rule: an LTV:CRC around 2:1 or lower means too much retention spend. Null when there is no ratio. */
    public static Boolean tooMuchRetentionSpend(Double ltvToCrc) {
        return ltvToCrc == null ? null : ltvToCrc <= KpiConfig.LTV_TO_CRC_FLOOR;
    }

    /** % promoters - % detractors, -100..100. */
    public static Double nps(long promoters, long passives, long detractors, List<String> notes) {
        return percent(
                promoters - detractors,
                promoters + passives + detractors,
                "nps",
                "no NPS answers in the period",
                notes);
    }

    /** Trials that ended in a conversion / trials that ended x 100. */
    public static Double trialToPaidPct(long converted, long ended, List<String> notes) {
        return percent(converted, ended, "trial_to_paid_pct", "no trial ended in the period", notes);
    }

    /** Accounts that completed every onboarding step / accounts that completed any step x 100. */
    public static Double activationPct(long activated, long onboarding, List<String> notes) {
        return percent(activated, onboarding, "activation_pct", "no onboarding step completed in the period", notes);
    }

    /** (invites sent per active user) x (invites accepted / invites sent); above 1 means viral growth. */
    public static Double kFactor(long invitesSent, long invitesAccepted, long activeUsers, List<String> notes) {
        Double perUser = ratio(invitesSent, activeUsers, "k_factor", "no active users in the period", notes);
        if (perUser == null) {
            return null;
        }
        Double conversion = ratio(invitesAccepted, invitesSent, "k_factor", "no invites sent in the period", notes);
        return conversion == null ? null : perUser * conversion;
    }

    /** Login events per active account per day of the period. */
    public static Double sessionsPerDay(long logins, long activeAccounts, long days, List<String> notes) {
        Double perAccount =
                ratio(logins, activeAccounts, "sessions_per_day", "no active accounts in the period", notes);
        return perAccount == null ? null : perAccount / days;
    }

    private static Double percent(double numerator, double denominator, String field, String why, List<String> notes) {
        Double ratio = ratio(numerator, denominator, field, why, notes);
        return ratio == null ? null : ratio * 100;
    }

    private static Double ratio(double numerator, double denominator, String field, String why, List<String> notes) {
        if (denominator == 0) {
            notes.add(field + " is null: " + why);
            return null;
        }
        return numerator / denominator;
    }
}
