package io.healthstream.scoring.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of one period and currency, computed from its tally and the levels at its start. Money
 * in minor units; null ratios are explained in {@code notes}.
 */
public record PortfolioFigures(
        KpiPeriod.Period period,
        String currency,
        boolean isFinal,
        Levels start,
        Levels end,
        long accountsNew,
        long accountsChurned,
        long accountsReactivated,
        Map<String, Long> churnedByReason,
        Double churnRatePct,
        long mrrNew,
        long mrrExpansion,
        long mrrContraction,
        long mrrChurned,
        long mrrReactivation,
        Double nrrPct,
        Double grrPct,
        boolean negativeChurn,
        Double arpa,
        Double lifetimeMonths,
        Double ltv,
        Double ltvToCac,
        Boolean ltvToCacBelowTarget,
        long npsPromoters,
        long npsPassives,
        long npsDetractors,
        Double nps,
        Double trialToPaidPct,
        Double activationPct,
        Double kFactor,
        Double sessionsPerDay,
        KpiStrategy strategy,
        RevenueDepth revenue,
        List<String> notes,
        Instant asOf) {

    /**
     * Churn split by cause, whether the five MRR movements explain the change of paying MRR, and the
     * retention cost figures (null while no {@code kpis.crc} key is set).
     */
    public record RevenueDepth(
            long accountsChurnedInvoluntary,
            long mrrChurnedInvoluntary,
            boolean movementsReconcile,
            Double retentionCostPerAccount,
            Double ltvToCrc,
            Boolean ltvToCrcTooLow,
            List<CohortCell> cohorts) {
        public RevenueDepth {
            cohorts = List.copyOf(cohorts);
        }
    }

    public PortfolioFigures {
        churnedByReason = Map.copyOf(churnedByReason);
        notes = List.copyOf(notes);
    }

    /** These figures with one more note, such as why a record is provisional. */
    public PortfolioFigures withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new PortfolioFigures(
                period,
                currency,
                isFinal,
                start,
                end,
                accountsNew,
                accountsChurned,
                accountsReactivated,
                churnedByReason,
                churnRatePct,
                mrrNew,
                mrrExpansion,
                mrrContraction,
                mrrChurned,
                mrrReactivation,
                nrrPct,
                grrPct,
                negativeChurn,
                arpa,
                lifetimeMonths,
                ltv,
                ltvToCac,
                ltvToCacBelowTarget,
                npsPromoters,
                npsPassives,
                npsDetractors,
                nps,
                trialToPaidPct,
                activationPct,
                kFactor,
                sessionsPerDay,
                strategy,
                revenue,
                more,
                asOf);
    }

    public static PortfolioFigures of(
            PeriodTally tally, Levels start, KpiConfig config, boolean isFinal, Instant asOf) {
        List<String> notes = new ArrayList<>();
        Levels end = start.after(tally);
        Double churnRate = KpiFormulas.churnRatePct(tally.accountsChurned(), start.accounts(), notes);
        Double arpa = KpiFormulas.arpa(end.mrr(), end.accounts(), notes);
        Double lifetime = KpiFormulas.lifetimeMonths(churnRate, config.period().months(tally.period()), notes);
        Double ltv = KpiFormulas.ltv(arpa, lifetime, config.grossMargin(), notes);
        Double ltvToCac = KpiFormulas.ltvToCac(ltv, config.cac(), notes);
        RevenueDepth revenue = revenueDepth(tally, start, end, arpa, config, notes);
        return new PortfolioFigures(
                tally.period(),
                tally.currency(),
                isFinal,
                start,
                end,
                tally.accountsNew(),
                tally.accountsChurned(),
                tally.accountsReactivated(),
                tally.churnedByReason(),
                churnRate,
                tally.mrrNew(),
                tally.mrrExpansion(),
                tally.mrrContraction(),
                tally.mrrChurned(),
                tally.mrrReactivation(),
                KpiFormulas.nrrPct(
                        start.mrr(), tally.mrrExpansion(), tally.mrrContraction(), tally.mrrChurned(), notes),
                KpiFormulas.grrPct(start.mrr(), tally.mrrContraction(), tally.mrrChurned(), notes),
                KpiFormulas.negativeChurn(tally.mrrExpansion(), tally.mrrChurned()),
                arpa,
                lifetime,
                ltv,
                ltvToCac,
                KpiFormulas.belowLtvToCacTarget(ltvToCac),
                tally.npsPromoters(),
                tally.npsPassives(),
                tally.npsDetractors(),
                KpiFormulas.nps(tally.npsPromoters(), tally.npsPassives(), tally.npsDetractors(), notes),
                KpiFormulas.trialToPaidPct(tally.trialsConverted(), tally.trialsEnded(), notes),
                KpiFormulas.activationPct(tally.onboardingCompleted(), tally.onboardingStarted(), notes),
                KpiFormulas.kFactor(tally.invitesSent(), tally.invitesAccepted(), tally.activeUsers(), notes),
                KpiFormulas.sessionsPerDay(
                        tally.logins(), tally.activeAccounts(), tally.period().days(), notes),
                config.strategy(),
                revenue,
                notes,
                asOf);
    }

    /** Of accounts_churned, those that cancelled. */
    public long accountsChurnedVoluntary() {
        return accountsChurned - revenue.accountsChurnedInvoluntary();
    }

    /** Of mrr_churned, the MRR of accounts that cancelled. */
    public long mrrChurnedVoluntary() {
        return mrrChurned - revenue.mrrChurnedInvoluntary();
    }

    private static RevenueDepth revenueDepth(
            PeriodTally tally, Levels start, Levels end, Double arpa, KpiConfig config, List<String> notes) {
        boolean reconciles = tally.reconciles();
        if (!reconciles) {
            notes.add("movements_reconcile is false: mrr_start " + start.mrr() + " + movements " + tally.mrrMovements()
                    + " != mrr_end " + end.mrr());
        }
        Double crc = config.retentionCosts().configured()
                ? KpiFormulas.retentionCostPerAccount(config.retentionCosts(), end.tiers(), notes)
                : null;
        Double ltvToCrc = KpiFormulas.ltvToCrc(arpa, config.grossMargin(), crc, config.retentionCosts(), notes);
        return new RevenueDepth(
                tally.accountsChurnedInvoluntary(),
                tally.mrrChurnedInvoluntary(),
                reconciles,
                crc,
                ltvToCrc,
                KpiFormulas.tooMuchRetentionSpend(ltvToCrc),
                config.period() == KpiPeriod.MONTH ? cohortCells(tally.period(), end) : List.of());
    }

    /** The cohort table's diagonal at the end of a month: each cohort followed, at its age then. */
    private static List<CohortCell> cohortCells(KpiPeriod.Period month, Levels end) {
        List<CohortCell> cells = new ArrayList<>();
        end.cohorts().forEach((cohort, levels) -> {
            if (!cohort.isAfter(month.start())) {
                cells.add(CohortCell.of(cohort, month.start(), levels));
            }
        });
        return cells;
    }
}
