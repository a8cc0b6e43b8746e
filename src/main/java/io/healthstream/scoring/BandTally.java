package io.healthstream.scoring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accounts and MRR (minor units, per currency: amounts in different currencies never add up) per band. Immutable:
 * {@link #plus} and {@link #merge} return new tallies, so tallies of different instances merge in any order.
 */
public record BandTally(Map<Band, Long> accounts, Map<Band, Map<String, Long>> mrr) {
    /** No account. */
    public static final BandTally EMPTY = new BandTally(Map.of(), Map.of());

    public BandTally {
        accounts =
                Collections.unmodifiableMap(accounts.isEmpty() ? new EnumMap<>(Band.class) : new EnumMap<>(accounts));
        EnumMap<Band, Map<String, Long>> copy = new EnumMap<>(Band.class);
        mrr.forEach((band, byCurrency) -> copy.put(band, Collections.unmodifiableMap(new TreeMap<>(byCurrency))));
        mrr = Collections.unmodifiableMap(copy);
    }

    /**
     * This tally and one more account of {@code band} with {@code mrr} in {@code currency}; an account without a
     * currency (no subscription event yet) has no MRR to add.
     */
    public BandTally plus(Band band, long mrr, String currency) {
        Map<String, Long> amount = currency == null ? Map.of() : Map.of(currency, mrr);
        return merge(new BandTally(Map.of(band, 1L), Map.of(band, amount)));
    }

    /** The accounts and MRR of both tallies. */
    public BandTally merge(BandTally other) {
        Map<Band, Long> accountsSum = new EnumMap<>(Band.class);
        Map<Band, Map<String, Long>> mrrSum = new EnumMap<>(Band.class);
        for (BandTally tally : new BandTally[] {this, other}) {
            tally.accounts.forEach((band, count) -> accountsSum.merge(band, count, Long::sum));
            tally.mrr.forEach((band, byCurrency) -> byCurrency.forEach((currency, amount) ->
                    mrrSum.computeIfAbsent(band, b -> new TreeMap<>()).merge(currency, amount, Long::sum)));
        }
        return new BandTally(accountsSum, mrrSum);
    }

    public long accountsIn(Band band) {
        return accounts.getOrDefault(band, 0L);
    }

    /** MRR of {@code band} per currency, in currency order; empty when the band has no account. */
    public Map<String, Long> mrrIn(Band band) {
        return mrr.getOrDefault(band, Map.of());
    }
}
