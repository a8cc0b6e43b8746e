package io.healthstream.scoring.kpi;

import io.healthstream.scoring.Band;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Account transitions summed up: one tally per period and currency, and how many accounts entered or
 * left each band per currency. An account task adds every transition to its batch and sends the batch
 * to the portfolio ledger now and then, so the ledger's load does not grow with the event rate.
 * Immutable; tallies in period order.
 */
public record KpiBatch(List<PeriodTally> tallies, Map<String, Map<Band, Long>> bandDeltas) {
    public static final KpiBatch EMPTY = new KpiBatch(List.of(), Map.of());

    public KpiBatch {
        tallies = tallies.stream()
                .sorted(Comparator.comparing((PeriodTally t) -> t.period().start())
                        .thenComparing(PeriodTally::currency))
                .toList();
        Map<String, Map<Band, Long>> copy = new TreeMap<>();
        bandDeltas.forEach((currency, deltas) -> copy.put(currency, Map.copyOf(deltas)));
        bandDeltas = Map.copyOf(copy);
    }

    public boolean isEmpty() {
        return tallies.isEmpty() && bandDeltas.isEmpty();
    }

    /** This batch with {@code transition} added: its period facts to its period's tally, its band move to the counts. */
    public KpiBatch plus(AccountTransition transition, KpiConfig config) {
        List<PeriodTally> updated = new ArrayList<>(tallies);
        if (transition.hasPeriodFacts()) {
            KpiPeriod.Period period = config.period().of(transition.at());
            String currency = transition.currency();
            PeriodTally counted = find(updated, period, currency);
            updated.remove(counted);
            updated.add((counted == null ? PeriodTally.empty(period, currency) : counted).plus(transition));
        }
        Map<String, Map<Band, Long>> bands = mutableBands();
        if (transition.movesBands()) {
            shift(bands, currencyOf(transition.before()), transition.before().band(), -1);
            shift(bands, currencyOf(transition.after()), transition.after().band(), 1);
        }
        return new KpiBatch(updated, bands);
    }

    /** Both batches together, as one. */
    public KpiBatch plus(KpiBatch other) {
        List<PeriodTally> merged = new ArrayList<>(tallies);
        for (PeriodTally tally : other.tallies) {
            PeriodTally same = find(merged, tally.period(), tally.currency());
            merged.remove(same);
            merged.add(same == null ? tally : same.plus(tally));
        }
        Map<String, Map<Band, Long>> bands = mutableBands();
        other.bandDeltas.forEach(
                (currency, deltas) -> deltas.forEach((band, delta) -> shift(bands, currency, band, delta)));
        return new KpiBatch(merged, bands);
    }

    private Map<String, Map<Band, Long>> mutableBands() {
        Map<String, Map<Band, Long>> bands = new TreeMap<>();
        bandDeltas.forEach((currency, deltas) -> {
            Map<Band, Long> counts = new EnumMap<>(Band.class);
            counts.putAll(deltas);
            bands.put(currency, counts);
        });
        return bands;
    }

    private static PeriodTally find(List<PeriodTally> tallies, KpiPeriod.Period period, String currency) {
        return tallies.stream()
                .filter(t -> t.period().equals(period) && t.currency().equals(currency))
                .findFirst()
                .orElse(null);
    }

    private static void shift(Map<String, Map<Band, Long>> bands, String currency, Band band, long delta) {
        if (band == null) {
            return;
        }
        Map<Band, Long> counts = bands.computeIfAbsent(currency, c -> new EnumMap<>(Band.class));
        counts.merge(band, delta, Long::sum);
        counts.values().removeIf(count -> count == 0);
        if (counts.isEmpty()) {
            bands.remove(currency);
        }
    }

    private static String currencyOf(AccountSnapshot snapshot) {
        return snapshot.currency() == null ? AccountTransition.NO_CURRENCY : snapshot.currency();
    }
}
