package io.healthstream.query;

import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.SegmentedScorer;
import io.healthstream.topology.StoreNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Accounts over interactive queries on the {@code accounts} store, and their history on the history stores. A key
 * owned by another instance is forwarded to it; a listing asks every other instance for its share and merges the
 * pages.
 */
public final class AccountQueries {
    /** The path of one account on every instance's HTTP API (the id follows); forwarded questions go there. */
    public static final String ACCOUNT_PATH = "/accounts/";
    /** The path of the listing on every instance's HTTP API. */
    public static final String LIST_PATH = "/accounts";
    /** Follows an account's path for its history. */
    public static final String HISTORY_SUFFIX = "/history";

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;
    private final SegmentedScorer scorer;
    private final Instances instances;
    private final FanOut fanOut;

    /** {@code self} is this instance's {@code application.server}; empty for a single instance without one. */
    public AccountQueries(KafkaStreams streams, Optional<HostInfo> self, SegmentedScorer scorer, Instances instances) {
        this.streams = streams;
        this.self = self;
        this.scorer = scorer;
        this.instances = instances;
        this.fanOut = new FanOut(streams, self, instances);
    }

    /** One account, from this instance's store or from the instance that owns it. */
    public AccountAnswer account(String accountId, Caller caller) {
        Owner owner = owner(accountId, caller);
        if (owner instanceof Owner.Elsewhere elsewhere) {
            return new AccountAnswer.Forwarded(instances.get(elsewhere.host(), accountPath(accountId), caller));
        }
        Optional<Integer> partition = ((Owner.Here) owner).partition();
        return found(accountId, AccountStore.read(streams, partition, store -> store.get(accountId)));
    }

    /**
     * One account's history from {@code from} to {@code to} (the newest {@code limit} points and events), from this
     * instance's history stores or from the instance that owns the account; unknown when no instance holds it.
     */
    public HistoryAnswer history(String accountId, Instant from, Instant to, int limit, Caller caller) {
        Owner owner = owner(accountId, caller);
        if (owner instanceof Owner.Elsewhere elsewhere) {
            String path = accountPath(accountId) + HISTORY_SUFFIX + "?from=" + from + "&to=" + to + "&limit=" + limit;
            return new HistoryAnswer.Forwarded(instances.get(elsewhere.host(), path, caller));
        }
        Optional<Integer> partition = ((Owner.Here) owner).partition();
        if (AccountStore.read(streams, partition, store -> store.get(accountId)) == null) {
            return new HistoryAnswer.Unknown(accountId);
        }
        return new HistoryAnswer.Found(HistoryStores.read(streams, partition, accountId, from, to, limit));
    }

    /** Where an account's key lives: here (the partition to read; empty with a single instance) or elsewhere. */
    private sealed interface Owner {
        record Here(Optional<Integer> partition) implements Owner {}

        record Elsewhere(HostInfo host) implements Owner {}
    }

    /** A question forwarded here is answered here: it is forwarded at most once, even mid-rebalance. */
    private Owner owner(String accountId, Caller caller) {
        AccountStore.requireServing(streams);
        if (self.isEmpty()) {
            return new Owner.Here(Optional.empty());
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(
                StoreNames.ACCOUNTS, accountId, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new QueryException(
                    QueryException.Reason.NOT_READY,
                    "partition owners are not known yet (starting or rebalancing); retry");
        }
        if (owner.activeHost().equals(self.get()) || caller.forwarded()) {
            return new Owner.Here(Optional.of(owner.partition()));
        }
        return new Owner.Elsewhere(owner.activeHost());
    }

    private static String accountPath(String accountId) {
        return ACCOUNT_PATH
                + URLEncoder.encode(accountId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Accounts by their last published band ({@code band} empty: all), in id order after {@code after}, at most
     * {@code limit}; from this instance only when {@code localOnly}, else from every instance. An instance that
     * does not answer (dead, restarting, rebalancing) leaves its partitions out: the page is then partial and
     * names them, so one instance down does not take the listing down with it.
     */
    public AccountPage accounts(
            Optional<Band> band, Optional<String> after, int limit, boolean localOnly, Caller caller) {
        AccountStore.requireServing(streams);
        AccountPage local = localPage(band, after, limit);
        if (localOnly || self.isEmpty()) {
            return local;
        }
        FanOut.Gathered<AccountPage> others =
                fanOut.gather(LIST_PATH + "?" + localQuery(band, after, limit), AccountPage.class, caller);
        List<AccountPage> pages = new ArrayList<>(List.of(local));
        pages.addAll(others.answers());
        return AccountPage.merge(pages, limit, others.missingPartitions());
    }

    /**
     * Accounts by their last published band in this instance's stores; empty while the stores cannot be
     * read (starting, rebalancing, restoring) and this instance still hosts tasks.
     */
    public Optional<Map<Band, Long>> accountsByBand() {
        Map<Band, Long> counts = new EnumMap<>(Band.class);
        try {
            AccountStore.read(streams, Optional.empty(), store -> {
                try (KeyValueIterator<String, StoredAccount> all = store.all()) {
                    all.forEachRemaining(account -> {
                        if (account.value.getLastBand() != null) {
                            counts.merge(
                                    Band.valueOf(account.value.getLastBand().name()), 1L, Long::sum);
                        }
                    });
                }
                return counts;
            });
            return Optional.of(counts);
        } catch (QueryException e) {
            // Its accounts are counted elsewhere once this instance hosts no task.
            return LocalTasks.none(streams) ? Optional.of(counts) : Optional.empty();
        }
    }

    private AccountAnswer found(String accountId, StoredAccount stored) {
        if (stored == null) {
            return new AccountAnswer.Unknown(accountId);
        }
        return new AccountAnswer.Found(AccountView.of(
                accountId,
                stored,
                scorer,
                self.map(h -> h.host() + ":" + h.port()).orElse(null)));
    }

    private AccountPage localPage(Optional<Band> band, Optional<String> after, int limit) {
        // Keeps the first limit + 1 ids only: enough to fill the page and to know whether more follow.
        TreeMap<String, AccountSummary> first = new TreeMap<>();
        if (LocalTasks.none(streams)) {
            return AccountPage.of(first.values().stream(), limit);
        }
        AccountStore.read(streams, Optional.empty(), store -> {
            try (KeyValueIterator<String, StoredAccount> all = store.all()) {
                all.forEachRemaining(entry -> {
                    boolean inBand = band.map(b -> entry.value.getLastBand() != null
                                    && b.name().equals(entry.value.getLastBand().name()))
                            .orElse(true);
                    boolean afterCursor =
                            after.map(a -> entry.key.compareTo(a) > 0).orElse(true);
                    if (inBand && afterCursor) {
                        first.put(entry.key, AccountSummary.of(entry.key, entry.value));
                        if (first.size() > limit + 1) {
                            first.pollLastEntry();
                        }
                    }
                });
            }
            return first;
        });
        return AccountPage.of(first.values().stream(), limit);
    }

    /** The listing question another instance answers from its own stores only ({@code scope=local}). */
    private static String localQuery(Optional<Band> band, Optional<String> after, int limit) {
        StringBuilder query = new StringBuilder("scope=local&limit=" + limit);
        band.ifPresent(b -> query.append("&band=").append(b.name()));
        after.ifPresent(a ->
                query.append("&cursor=").append(URLEncoder.encode(AccountPage.cursorAfter(a), StandardCharsets.UTF_8)));
        return query.toString();
    }
}
