package io.healthstream.query;

import io.healthstream.avro.HistoryEventKind;
import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.AtRisk;
import io.healthstream.scoring.BandTally;
import io.healthstream.scoring.HealthAssessment;
import io.healthstream.scoring.RecentWindow;
import io.healthstream.scoring.SegmentedScorer;
import io.healthstream.scoring.TouchModel;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.topology.StateMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The portfolio over interactive queries on the {@code accounts} store: accounts and MRR per band and the
 * at-risk list, of one touch tier and segment or of all, from every instance's share.
 */
public final class PortfolioQueries {
    /** The path of the portfolio on every instance's HTTP API. */
    public static final String PATH = "/portfolio";

    /** Which accounts to count: a touch tier and a segment, each empty for all. */
    public record Filter(Optional<TouchModel> touchTier, Optional<String> segment) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty());

        boolean admits(TouchModel tier, String segmentName) {
            return touchTier.map(tier::equals).orElse(true)
                    && segment.map(segmentName::equals).orElse(true);
        }
    }

    /** A scored account of the filter's tier and segment, before the portfolio's clock is known. */
    private record Scored(String accountId, AccountState state, Instant evaluatedAt, TouchModel tier, String segment) {}

    private static final String CRITICAL = "CRITICAL";

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;
    private final SegmentedScorer scorer;
    private final FanOut fanOut;

    /** {@code self} is this instance's {@code application.server}; empty for a single instance without one. */
    public PortfolioQueries(
            KafkaStreams streams, Optional<HostInfo> self, SegmentedScorer scorer, Instances instances) {
        this.streams = streams;
        this.self = self;
        this.scorer = scorer;
        this.fanOut = new FanOut(streams, self, instances);
    }

    /** The segment names a filter can name, in match order. */
    public List<String> segments() {
        return scorer.segmentNames();
    }

    /**
     * The portfolio of {@code filter}'s accounts with at most {@code limit} at-risk accounts, its windows ending
     * at {@code asOf}; without one, at the latest evaluation among this instance's accounts (the portfolio's
     * event time, never the wall clock), and each other instance uses its own when this one holds no account.
     * From this instance only when {@code localOnly}.
     */
    public Portfolio portfolio(Filter filter, Optional<Instant> asOf, int limit, boolean localOnly, Caller caller) {
        AccountStore.requireServing(streams);
        Portfolio local = localShare(filter, asOf, limit);
        if (localOnly || self.isEmpty()) {
            return local;
        }
        Optional<Instant> clock = Optional.ofNullable(local.asOf()).map(Instant::parse);
        FanOut.Gathered<Portfolio> others =
                fanOut.gather(PATH + "?" + localQuery(filter, clock, limit), Portfolio.class, caller);
        List<Portfolio> shares = new ArrayList<>(List.of(local));
        shares.addAll(others.answers());
        return Portfolio.merge(shares, limit, others.missingPartitions());
    }

    private Portfolio localShare(Filter filter, Optional<Instant> asOf, int limit) {
        List<Scored> scored = LocalTasks.none(streams) ? List.of() : scoredAccounts(filter);
        Optional<Instant> clock = asOf.or(() -> scored.stream()
                .map(Scored::evaluatedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder()));
        Set<String> admitted = scored.stream().map(Scored::accountId).collect(Collectors.toSet());
        List<HistoryStores.Event> lastWeek = clock.isEmpty() || admitted.isEmpty()
                ? List.of()
                : HistoryStores.events(streams, clock.get().minus(RecentWindow.LAST_WEEK.span()), clock.get()).stream()
                        .filter(event -> admitted.contains(event.accountId()))
                        .toList();
        Map<String, HistoryStores.Event> latestCritical = lastWeek.stream()
                .filter(event -> event.event().getKind() == HistoryEventKind.CHURN_SIGNAL
                        && CRITICAL.equals(event.event().getSeverity()))
                .collect(Collectors.toMap(HistoryStores.Event::accountId, event -> event, (a, b) -> b));
        BandTally tally = BandTally.EMPTY;
        List<AtRiskAccount> atRisk = new ArrayList<>();
        for (Scored account : scored) {
            AccountState state = account.state();
            tally = tally.plus(state.lastBand(), state.mrr(), state.currency());
            Optional<HistoryStores.Event> critical = Optional.ofNullable(latestCritical.get(account.accountId()));
            if (clock.isPresent()
                    && AtRisk.isAtRisk(state.lastBand(), critical.map(HistoryStores.Event::at), clock.get())) {
                atRisk.add(atRiskLine(account, critical, clock.get()));
            }
        }
        return new Portfolio(
                clock.map(Instant::toString).orElse(null),
                filter.touchTier().map(Enum::name).orElse(null),
                filter.segment().orElse(null),
                segments(),
                Portfolio.lines(tally),
                recent(lastWeek, clock),
                atRisk.stream().sorted(Portfolio.MOST_AT_RISK).limit(limit).toList(),
                atRisk.size(),
                false,
                List.of());
    }

    /** The churn signals and contraction alerts among the last week's history events, by window and kind. */
    private static Portfolio.Recent recent(List<HistoryStores.Event> lastWeek, Optional<Instant> clock) {
        Map<String, Long> day = new TreeMap<>();
        Map<String, Long> week = new TreeMap<>();
        for (HistoryStores.Event event : lastWeek) {
            HistoryEventKind kind = event.event().getKind();
            if (kind == HistoryEventKind.CHURN_SIGNAL || kind == HistoryEventKind.CONTRACTION_ALERT) {
                week.merge(kind.name(), 1L, Long::sum);
                if (RecentWindow.LAST_DAY.contains(event.at(), clock.orElseThrow())) {
                    day.merge(kind.name(), 1L, Long::sum);
                }
            }
        }
        return new Portfolio.Recent(day, week);
    }

    /** The accounts with a published band, of the filter's tier and segment as their model sees them now. */
    private List<Scored> scoredAccounts(Filter filter) {
        return AccountStore.read(streams, Optional.empty(), store -> {
            List<Scored> scored = new ArrayList<>();
            try (KeyValueIterator<String, StoredAccount> all = store.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.getLastBand() == null) {
                        return;
                    }
                    AccountMemory memory = StateMapper.toDomain(entry.value);
                    AccountState state = memory.health();
                    HealthAssessment assessment = scorer.assess(state, memory.evaluatedAt());
                    String segment = scorer.segmentOf(state);
                    if (filter.admits(assessment.touch(), segment)) {
                        scored.add(new Scored(entry.key, state, memory.evaluatedAt(), assessment.touch(), segment));
                    }
                });
            }
            return scored;
        });
    }

    private AtRiskAccount atRiskLine(Scored account, Optional<HistoryStores.Event> critical, Instant clock) {
        AccountState state = account.state();
        Optional<Instant> bandSince = HistoryStores.bandSince(
                streams, account.accountId(), state.lastBand().name(), Instant.EPOCH, clock);
        return new AtRiskAccount(
                account.accountId(),
                state.lastBand().name(),
                state.lastScore(),
                state.mrr(),
                state.currency(),
                state.billing().name(),
                account.tier().name(),
                account.segment(),
                bandSince.map(Instant::toString).orElse(null),
                bandSince
                        .map(since -> Duration.between(since, clock).toSeconds())
                        .orElse(null),
                critical.map(event -> new AtRiskAccount.CriticalSignal(
                                event.event().getSummary(), event.at().toString()))
                        .orElse(null));
    }

    /** The question another instance answers from its own stores only ({@code scope=local}). */
    private static String localQuery(Filter filter, Optional<Instant> asOf, int limit) {
        StringBuilder query = new StringBuilder("scope=local&limit=" + limit);
        filter.touchTier().ifPresent(tier -> query.append("&touch_tier=").append(tier.name()));
        filter.segment().ifPresent(segment -> query.append("&segment=").append(encode(segment)));
        asOf.ifPresent(at -> query.append("&as_of=").append(encode(at.toString())));
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
