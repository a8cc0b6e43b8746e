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
        List<String> notes,
        Instant asOf) {
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
                notes,
                asOf);
    }
}
