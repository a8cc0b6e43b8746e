package io.healthstream.scoring.kpi;

import io.healthstream.scoring.Band;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The running totals of one currency: levels after the last closed period, accounts per health band
 * now, and the movements of recent closed periods for the trailing-12-month NRR.
 */
public record PortfolioTotals(
        String currency, Levels closed, Map<Band, Long> accountsByBand, List<PeriodSummary> history) {
    private static final int TRAILING_MONTHS = 12;

    public PortfolioTotals {
        accountsByBand = Map.copyOf(accountsByBand);
        history = List.copyOf(history);
    }

    public static PortfolioTotals empty(String currency) {
        return new PortfolioTotals(currency, Levels.ZERO, Map.of(), List.of());
    }

    /** Accounts per band moved by {@code deltas} (accounts that entered a band count +1, that left it -1). */
    public PortfolioTotals withBandDeltas(Map<Band, Long> deltas) {
        Map<Band, Long> counts = new EnumMap<>(Band.class);
        counts.putAll(accountsByBand);
        deltas.forEach((band, delta) -> counts.merge(band, delta, Long::sum));
        counts.values().removeIf(count -> count == 0);
        return new PortfolioTotals(currency, closed, counts, history);
    }

    /** The period of {@code tally}, which started at {@code start}, is final: fold it in. */
    public PortfolioTotals withClosed(PeriodTally tally, Levels start) {
        List<PeriodSummary> kept = new ArrayList<>(history);
        kept.add(PeriodSummary.of(tally, start));
        Instant horizon = trailingFrom(tally.period().start());
        kept.removeIf(summary -> summary.start().isBefore(horizon));
        return new PortfolioTotals(currency, start.after(tally), accountsByBand, kept);
    }

    /**
     * The all-time figures at {@code now}, given the levels now and the movements of the periods still
     * open. NRR over the trailing 12 months counts every period that started in them, from the MRR at
     * the start of the earliest one.
     */
    public AllTimeFigures figures(Levels current, List<PeriodSummary> open, KpiStrategy strategy, Instant now) {
        Instant horizon = trailingFrom(now);
        List<PeriodSummary> trailing = new ArrayList<>(history);
        trailing.addAll(open);
        trailing.removeIf(summary -> summary.start().isBefore(horizon));
        trailing.sort(Comparator.comparing(PeriodSummary::start));
        List<String> notes = new ArrayList<>();
        Double nrr = null;
        if (trailing.isEmpty() || trailing.get(0).mrrStart() == 0) {
            notes.add("nrr_trailing_12m_pct is null: no MRR at the start of the trailing 12 months");
        } else {
            nrr = KpiFormulas.nrrPct(
                    trailing.get(0).mrrStart(),
                    trailing.stream().mapToLong(PeriodSummary::expansion).sum(),
                    trailing.stream().mapToLong(PeriodSummary::contraction).sum(),
                    trailing.stream().mapToLong(PeriodSummary::churned).sum(),
                    notes);
        }
        return new AllTimeFigures(currency, current, accountsByBand, nrr, strategy, notes, now);
    }

    private static Instant trailingFrom(Instant at) {
        return at.atZone(ZoneOffset.UTC).minusMonths(TRAILING_MONTHS).toInstant();
    }
}
