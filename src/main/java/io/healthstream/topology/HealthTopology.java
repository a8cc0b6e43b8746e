package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.HealthOverride;
import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredAccount;
import io.healthstream.avro.StoredHistoryEvent;
import io.healthstream.avro.StoredHistoryPoint;
import io.healthstream.avro.StoredKpiLedger;
import io.healthstream.avro.StoredPendingHealth;
import io.healthstream.avro.StoredSegmentChurnRates;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.serde.SingleObjectSerde;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The health topology: each of the five input topics (four of customer events, one of CSM overrides), keyed by account id, has its own typed route
 * that checks the contract and turns records into domain events; the routes merge into one stateful
 * processor per task, which writes health scores, churn signals, contraction alerts, NPS follow-ups and
 * expansion opportunities to their topics. Each task's KPI deltas go through the single-partition
 * repartition topic {@code kpi-deltas} to the portfolio KPI ledger, so that one task sees every account
 * of the portfolio whatever the number of input partitions. Inputs and outputs are Avro through the
 * schema registry; the engine's own state (stores, changelogs, the repartition topic) is Avro in the
 * single-object encoding, which needs no registry ({@link SingleObjectSerde}). A pure function of its
 * arguments: no I/O, no environment reads.
 */
public final class HealthTopology {
    static final String PROCESSOR = "account-health-processor";
    static final String KPI_PROCESSOR = "portfolio-kpi-processor";
    /** Names the repartition topic {@code <application.id>-kpi-deltas-repartition}. */
    static final String KPI_DELTAS = Output.KPI_ROUTE;
    /** History entries are moments, not windows: the window store's window size only has to be positive. */
    private static final Duration HISTORY_WINDOW = Duration.ofMillis(1);

    /** The record type of each input topic. */
    public static final Map<String, Class<? extends SpecificRecord>> INPUT_TYPES = Map.of(
            Topics.SUBSCRIPTION_EVENTS, SubscriptionEvent.class,
            Topics.USAGE_EVENTS, UsageEvent.class,
            Topics.NPS_RESPONSES, NpsResponse.class,
            Topics.SUPPORT_TICKETS, SupportTicketEvent.class,
            Topics.HEALTH_OVERRIDES, HealthOverride.class);

    /** The record type of each output topic. */
    public static final Map<String, Class<? extends SpecificRecord>> OUTPUT_TYPES = Map.of(
            Topics.ACCOUNT_HEALTH, AccountHealth.class,
            Topics.SAAS_KPIS, PortfolioKpis.class,
            Topics.CHURN_SIGNALS, ChurnSignal.class,
            Topics.CONTRACTION_ALERTS, ContractionAlert.class,
            Topics.EXPANSION_OPPORTUNITIES, ExpansionOpportunity.class,
            Topics.NPS_FOLLOWUPS, NpsFollowUp.class);

    private HealthTopology() {}

    /** The internal topic the KPI deltas travel through, for a replay that ends its input there. */
    public static String kpiDeltasTopic(String applicationId) {
        return applicationId + "-" + KPI_DELTAS + "-repartition";
    }

    /**
     * Healthstream's own topic of the segments' monthly churn rates, {@code <application.id>-segment-churn-changelog}:
     * the KPI ledger's published rates, read back by every account task as a global store. Created at start; named
     * like a changelog, so the application reset deletes it with the other internal topics.
     */
    public static String segmentChurnTopic(String applicationId) {
        return applicationId + "-" + StoreNames.SEGMENT_CHURN + "-changelog";
    }

    public static Topology build(TopologySettings settings, ValueSerdes serdes, ProcessingListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        EventTimeExtractor eventTime = new EventTimeExtractor(settings.limits().maxFutureSkew());
        KStream<String, AccountEvent> events = null;
        for (String topic : Topics.INPUTS) {
            Serde<SpecificRecord> serde = anySerde(serdes, INPUT_TYPES.get(topic));
            // Replays from the beginning on first start: input history is what the scores are built from.
            KStream<String, SpecificRecord> records = builder.stream(
                    topic,
                    Consumed.with(Serdes.String(), serde)
                            .withTimestampExtractor(eventTime)
                            .withOffsetResetPolicy(AutoOffsetReset.earliest())
                            .withName("from-" + topic));
            KStream<String, AccountEvent> input =
                    records.processValues(() -> new InputValidator(settings.limits()), Named.as("validate-" + topic));
            events = events == null ? input : events.merge(input, Named.as("merge-" + topic));
        }
        BranchedKStream<String, Output> routes = events.process(
                        accountProcessor(settings, listener), Named.as(PROCESSOR))
                .split(Named.as("route"));
        for (String topic : Topics.OUTPUTS) {
            if (!topic.equals(Topics.SAAS_KPIS)) {
                Serde<SpecificRecord> serde = anySerde(serdes, OUTPUT_TYPES.get(topic));
                routes.branch(
                        (account, output) -> output.topic().equals(topic),
                        Branched.withConsumer(
                                stream -> stream.mapValues(Output::value, Named.as("value-" + topic))
                                        .to(
                                                topic,
                                                Produced.with(Serdes.String(), serde)
                                                        .withName(sinkName(topic))),
                                "-to-" + topic));
            }
        }
        routes.branch(
                (account, output) -> output.topic().equals(Output.KPI_ROUTE),
                Branched.withConsumer(
                        deltas -> portfolioKpis(
                                deltas.mapValues(output -> (KpiDelta) output.value(), Named.as(KPI_DELTAS + "-typed")),
                                settings,
                                serdes,
                                listener),
                        "-to-" + KPI_DELTAS));
        routes.noDefaultBranch();
        // Added last, so the sub-topologies before it (and their task ids) keep their numbers.
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.SEGMENT_CHURN),
                                Serdes.String(),
                                SingleObjectSerde.of(StoredSegmentChurnRates.class))
                        .withLoggingDisabled(),
                segmentChurnTopic(settings.applicationId()),
                Consumed.with(Serdes.String(), SingleObjectSerde.of(StoredSegmentChurnRates.class))
                        .withName("from-" + StoreNames.SEGMENT_CHURN),
                () -> new GlobalStoreWriter<>(StoreNames.SEGMENT_CHURN));
        return builder.build();
    }

    /**
     * One partition: every KPI of a currency, and the all-time record, sums over all accounts, and the
     * close of a period needs the clocks of every account task. The load is one small delta per task and
     * flush, however many accounts and events there are.
     */
    private static void portfolioKpis(
            KStream<String, KpiDelta> deltas,
            TopologySettings settings,
            ValueSerdes serdes,
            ProcessingListener listener) {
        deltas.repartition(Repartitioned.<String, KpiDelta>as(KPI_DELTAS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(SingleObjectSerde.of(KpiDelta.class))
                        .withNumberOfPartitions(1))
                .process(ledgerProcessor(settings, listener), Named.as(KPI_PROCESSOR))
                .split(Named.as("ledger-route"))
                .branch(
                        (key, value) -> value instanceof PortfolioKpis,
                        Branched.withConsumer(
                                kpis -> kpis.mapValues(value -> (PortfolioKpis) value, Named.as("kpis-typed"))
                                        .to(
                                                Topics.SAAS_KPIS,
                                                Produced.with(Serdes.String(), serdes.forType(PortfolioKpis.class))
                                                        .withName(sinkName(Topics.SAAS_KPIS))),
                                "-to-" + Topics.SAAS_KPIS))
                .defaultBranch(Branched.withConsumer(
                        rates -> rates.mapValues(
                                        value -> (StoredSegmentChurnRates) value,
                                        Named.as(StoreNames.SEGMENT_CHURN + "-typed"))
                                .to(
                                        segmentChurnTopic(settings.applicationId()),
                                        Produced.with(
                                                        Serdes.String(),
                                                        SingleObjectSerde.of(StoredSegmentChurnRates.class))
                                                .withName("to-" + StoreNames.SEGMENT_CHURN)),
                        "-to-" + StoreNames.SEGMENT_CHURN));
    }

    static String sinkName(String topic) {
        return "to-" + topic;
    }

    /** The serde of {@code type} for a stream of mixed records: each stream is routed so it only carries that type. */
    @SuppressWarnings("unchecked")
    private static <T> Serde<T> anySerde(ValueSerdes serdes, Class<? extends SpecificRecord> type) {
        return (Serde<T>) serdes.forType(type);
    }

    private static ProcessorSupplier<String, KpiDelta, String, SpecificRecord> ledgerProcessor(
            TopologySettings settings, ProcessingListener listener) {
        StoreBuilder<KeyValueStore<String, StoredKpiLedger>> ledger = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.KPI_LEDGER),
                Serdes.String(),
                SingleObjectSerde.of(StoredKpiLedger.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, KpiDelta, String, SpecificRecord> get() {
                // A partition idle for two re-evaluation rounds of wall-clock time no longer holds periods open.
                return new KpiLedgerProcessor(
                        settings.kpis(),
                        settings.inputPartitions(),
                        settings.punctuateInterval().multipliedBy(2),
                        listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(ledger);
            }
        };
    }

    /**
     * A time-ordered store of every entry of each account for {@code retention} of event time: a window store
     * that keeps duplicates, so entries at the same moment all stay, and that drops whole segments as stream time
     * leaves them behind. Its changelog keeps them as long (plus Kafka Streams' day of margin).
     */
    private static <V extends SpecificRecord> StoreBuilder<WindowStore<String, V>> history(
            String name, Class<V> type, Duration retention) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, retention, HISTORY_WINDOW, true),
                Serdes.String(),
                SingleObjectSerde.of(type));
    }

    private static ProcessorSupplier<String, AccountEvent, String, Output> accountProcessor(
            TopologySettings settings, ProcessingListener listener) {
        // Cached: an account's many writes within one commit interval reach the changelog once.
        StoreBuilder<KeyValueStore<String, StoredAccount>> accounts = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.ACCOUNTS),
                        Serdes.String(),
                        SingleObjectSerde.of(StoredAccount.class))
                .withCachingEnabled();
        StoreBuilder<KeyValueStore<String, KpiDelta>> outbox = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.KPI_OUTBOX),
                        Serdes.String(),
                        SingleObjectSerde.of(KpiDelta.class))
                .withCachingEnabled();
        // Not cached: a store that keeps duplicates has no cache to coalesce them in.
        StoreBuilder<WindowStore<String, StoredHistoryPoint>> points =
                history(StoreNames.HISTORY_POINTS, StoredHistoryPoint.class, settings.historyRetention());
        StoreBuilder<WindowStore<String, StoredHistoryEvent>> events =
                history(StoreNames.HISTORY_EVENTS, StoredHistoryEvent.class, settings.historyRetention());
        // Cached: a record held and released within one commit interval never reaches the changelog.
        StoreBuilder<KeyValueStore<String, StoredPendingHealth>> pending = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.LTV_PENDING),
                        Serdes.String(),
                        SingleObjectSerde.of(StoredPendingHealth.class))
                .withCachingEnabled();
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AccountEvent, String, Output> get() {
                return new AccountHealthProcessor(settings, listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(accounts, outbox, points, events, pending));
            }
        };
    }
}
