package io.healthstream.query;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.BandTally;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code GET /portfolio} answers: accounts and MRR per band, the churn signals and contraction alerts of the last
 * day and week, and the at-risk list, over the accounts of the touch tier and segment asked for (null: all). {@code asOf} is the time the windows end at; the at-risk list
 * holds the {@code limit} accounts with the most MRR at risk, of {@code atRiskTotal}. {@code partial} is true when
 * the accounts of {@code missingPartitions} (their instance did not answer) are left out.
 */
public record Portfolio(
        String asOf,
        String touchTier,
        String segment,
        List<String> segments,
        List<BandLine> bands,
        Recent recent,
        List<AtRiskAccount> atRisk,
        int atRiskTotal,
        boolean partial,
        List<Integer> missingPartitions) {
    public Portfolio {
        segments = List.copyOf(segments);
        bands = List.copyOf(bands);
        atRisk = List.copyOf(atRisk);
        missingPartitions = missingPartitions == null ? List.of() : List.copyOf(missingPartitions);
    }

    /** Most MRR at risk first; ties by account id, so every instance cuts the same list. */
    static final Comparator<AtRiskAccount> MOST_AT_RISK =
            Comparator.comparingLong(AtRiskAccount::mrrAtRisk).reversed().thenComparing(AtRiskAccount::accountId);

    /** Churn signals and contraction alerts of the last day and of the last week before {@code as_of}, by kind. */
    public record Recent(Map<String, Long> lastDay, Map<String, Long> lastWeek) {
        public Recent {
            lastDay = Map.copyOf(lastDay);
            lastWeek = Map.copyOf(lastWeek);
        }

        Recent plus(Recent other) {
            return new Recent(sum(lastDay, other.lastDay), sum(lastWeek, other.lastWeek));
        }

        private static Map<String, Long> sum(Map<String, Long> one, Map<String, Long> other) {
            Map<String, Long> sum = new TreeMap<>(one);
            other.forEach((kind, count) -> sum.merge(kind, count, Long::sum));
            return sum;
        }
    }

    /** One band: its accounts and their MRR per currency (minor units). */
    public record BandLine(String band, long accounts, Map<String, Long> mrr) {
        public BandLine {
            mrr = Map.copyOf(mrr);
        }
    }

    /** The lines of every band, lowest first, empty bands included. */
    static List<BandLine> lines(BandTally tally) {
        return Arrays.stream(Band.values())
                .map(band -> new BandLine(band.name(), tally.accountsIn(band), tally.mrrIn(band)))
                .toList();
    }

    BandTally tally() {
        Map<Band, Long> accounts = new EnumMap<>(Band.class);
        Map<Band, Map<String, Long>> mrr = new EnumMap<>(Band.class);
        bands.forEach(line -> {
            accounts.put(Band.valueOf(line.band()), line.accounts());
            mrr.put(Band.valueOf(line.band()), line.mrr());
        });
        return new BandTally(accounts, mrr);
    }

    /**
     * The shares of every instance as one portfolio, with the latest clock among them (they share one whenever the
     * asking instance had one); partial when a share is, or {@code missing} partitions are.
     */
    static Portfolio merge(List<Portfolio> shares, int limit, Collection<Integer> missing) {
        Portfolio first = shares.get(0);
        BandTally tally = shares.stream().map(Portfolio::tally).reduce(BandTally.EMPTY, BandTally::merge);
        List<AtRiskAccount> atRisk = shares.stream()
                .flatMap(share -> share.atRisk().stream())
                .sorted(MOST_AT_RISK)
                .limit(limit)
                .toList();
        SortedSet<Integer> missingPartitions = new TreeSet<>(missing);
        shares.forEach(share -> missingPartitions.addAll(share.missingPartitions()));
        String asOf = shares.stream()
                .map(Portfolio::asOf)
                .filter(Objects::nonNull)
                .map(Instant::parse)
                .max(Comparator.naturalOrder())
                .map(Instant::toString)
                .orElse(null);
        return new Portfolio(
                asOf,
                first.touchTier(),
                first.segment(),
                first.segments(),
                lines(tally),
                shares.stream().map(Portfolio::recent).reduce(Recent::plus).orElseThrow(),
                atRisk,
                shares.stream().mapToInt(Portfolio::atRiskTotal).sum(),
                !missingPartitions.isEmpty() || shares.stream().anyMatch(Portfolio::partial),
                List.copyOf(missingPartitions));
    }
}
