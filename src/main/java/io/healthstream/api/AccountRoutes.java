package io.healthstream.api;

import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.HealthScorer;
import io.healthstream.topology.StoreNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /accounts/{id}} and {@code GET /accounts}: interactive queries over the
 * {@code accounts} store. A key owned by another instance is forwarded to it; a listing asks
 * every other instance for its share ({@code scope=local}) and merges the pages.
 */
final class AccountRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String LOCAL_SCOPE = "local";

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;
    private final HealthScorer scorer;
    private final Peers peers;

    /** {@code self} is this instance's {@code application.server}; empty for a single instance without one. */
    AccountRoutes(KafkaStreams streams, Optional<HostInfo> self, HealthScorer scorer, Peers peers) {
        this.streams = streams;
        this.self = self;
        this.scorer = scorer;
        this.peers = peers;
    }

    ApiResponse account(ApiRequest request, String accountId) {
        requireServing();
        if (self.isEmpty()) {
            return found(accountId, localStore(Optional.empty()).get(accountId));
        }
        KeyQueryMetadata owner = streams.queryMetadataForKey(StoreNames.ACCOUNTS, accountId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new ApiException(503, "partition owners are not known yet (starting or rebalancing); retry");
        }
        if (owner.activeHost().equals(self.get()) || request.forwarded()) {
            return found(accountId, localStore(Optional.of(owner.partition())).get(accountId));
        }
        return peers.get(owner.activeHost(), request.path(), request);
    }

    ApiResponse accounts(ApiRequest request) {
        requireServing();
        Optional<Band> band = request.param("band").map(AccountRoutes::band);
        int limit = request.param("limit").map(AccountRoutes::limit).orElse(DEFAULT_LIMIT);
        Optional<String> after = request.param("cursor").map(AccountPage::accountIdOf);
        AccountPage local = localPage(band, after, limit);
        if (request.param("scope").filter(LOCAL_SCOPE::equals).isPresent() || self.isEmpty()) {
            return ApiResponse.json(200, local);
        }
        List<AccountPage> pages = new ArrayList<>(List.of(local));
        for (HostInfo other : otherInstances()) {
            ApiResponse answer = peers.get(other, "/accounts?" + remoteQuery(request, limit), request);
            if (answer.status() != 200) {
                throw new ApiException(502, "instance " + other.host() + ":" + other.port() + " answered "
                        + answer.status() + " for its accounts");
            }
            pages.add(ApiResponse.read(answer.body(), AccountPage.class));
        }
        return ApiResponse.json(200, AccountPage.merge(pages, limit));
    }

    /** Before the first assignment or after a failure no store answers, and no task list can be trusted. */
    private void requireServing() {
        KafkaStreams.State state = streams.state();
        if (!StreamsHealth.SERVING.contains(state)) {
            throw new ApiException(503, "the account store is not queryable while Kafka Streams is " + state
                    + "; retry when /health/ready is UP");
        }
    }

    private ApiResponse found(String accountId, StoredAccount stored) {
        if (stored == null) {
            return ApiResponse.error(404, "unknown account: " + accountId);
        }
        return ApiResponse.json(200, AccountView.of(accountId, stored, scorer, self.map(h -> h.host() + ":" + h.port()).orElse(null)));
    }

    private AccountPage localPage(Optional<Band> band, Optional<String> after, int limit) {
        // Keeps the first limit + 1 ids only: enough to fill the page and to know whether more follow.
        TreeMap<String, AccountSummary> first = new TreeMap<>();
        if (LocalTasks.none(streams)) {
            return AccountPage.of(first.values().stream(), limit);
        }
        try (KeyValueIterator<String, StoredAccount> all = localStore(Optional.empty()).all()) {
            all.forEachRemaining(entry -> {
                boolean inBand = band.map(b -> entry.value.getLastBand() != null
                        && b.name().equals(entry.value.getLastBand().name())).orElse(true);
                boolean afterCursor = after.map(a -> entry.key.compareTo(a) > 0).orElse(true);
                if (inBand && afterCursor) {
                    first.put(entry.key, AccountSummary.of(entry.key, entry.value));
                    if (first.size() > limit + 1) {
                        first.pollLastEntry();
                    }
                }
            });
        }
        return AccountPage.of(first.values().stream(), limit);
    }

    private List<HostInfo> otherInstances() {
        return streams.streamsMetadataForStore(StoreNames.ACCOUNTS).stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self.orElse(null)))
                .distinct()
                .toList();
    }

    private ReadOnlyKeyValueStore<String, StoredAccount> localStore(Optional<Integer> partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, StoredAccount>> query = StoreQueryParameters
                .fromNameAndType(StoreNames.ACCOUNTS, QueryableStoreTypes.keyValueStore());
        try {
            return streams.store(partition.map(query::withPartition).orElse(query));
        } catch (InvalidStateStoreException e) {
            throw new ApiException(503, "the account store is not queryable here right now (" + streams.state()
                    + "); retry");
        }
    }

    private static String remoteQuery(ApiRequest request, int limit) {
        StringBuilder query = new StringBuilder("scope=" + LOCAL_SCOPE + "&limit=" + limit);
        for (String name : List.of("band", "cursor")) {
            request.param(name).ifPresent(value -> query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        return query.toString();
    }

    private static Band band(String text) {
        try {
            return Band.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "band must be one of " + List.of(Band.values()) + ", got '" + text + "'");
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
    }
}
