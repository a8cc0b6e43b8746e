package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.KpiTransition;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredAccountState;
import io.healthstream.avro.StoredKpiClocks;
import io.healthstream.avro.StoredKpiTally;
import io.healthstream.avro.StoredKpiTotals;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The health topology: four input topics keyed by account id feed one stateful processor, which
 * writes health scores, churn signals, contraction alerts, NPS follow-ups and expansion
 * opportunities, each routed to its topic by type. Its account transitions go through the
 * single-partition repartition topic {@code kpi-transitions} to the portfolio KPI processor, so that
 * one task sees every account of the portfolio whatever the number of input partitions.
 * A pure function of its arguments: no I/O, no environment reads.
 */
public final class HealthTopology {
    static final String PROCESSOR = "account-health-processor";
    static final String KPI_PROCESSOR = "portfolio-kpi-processor";
    /** Names the repartition topic {@code <application.id>-kpi-transitions-repartition}. */
    static final String KPI_TRANSITIONS = "kpi-transitions";

    /** The record type of each input topic. */
    public static final Map<String, Class<? extends SpecificRecord>> INPUT_TYPES = Map.of(
            Topics.SUBSCRIPTION_EVENTS, SubscriptionEvent.class,
            Topics.USAGE_EVENTS, UsageEvent.class,
            Topics.NPS_RESPONSES, NpsResponse.class,
            Topics.SUPPORT_TICKETS, SupportTicketEvent.class);

    /** The record type of each output topic. */
    public static final Map<String, Class<? extends SpecificRecord>> OUTPUT_TYPES = Map.of(
            Topics.ACCOUNT_HEALTH, AccountHealth.class,
            Topics.SAAS_KPIS, PortfolioKpis.class,
            Topics.CHURN_SIGNALS, ChurnSignal.class,
            Topics.CONTRACTION_ALERTS, ContractionAlert.class,
            Topics.EXPANSION_OPPORTUNITIES, ExpansionOpportunity.class,
            Topics.NPS_FOLLOWUPS, NpsFollowUp.class);

    private HealthTopology() {
    }

    public static Topology build(TopologySettings settings, ValueSerdes serdes, ProcessingListener listener) {
        StreamsBuilder builder = new StreamsBuilder();
        OccurredAtTimestampExtractor eventTime = new OccurredAtTimestampExtractor();
        KStream<String, SpecificRecord> events = null;
        for (String topic : Topics.INPUTS) {
            // Replays from the beginning on first start: input history is what the scores are built from.
            KStream<String, SpecificRecord> input = builder.stream(topic, Consumed.with(Serdes.String(),
                            anySerde(serdes, INPUT_TYPES.get(topic))).withTimestampExtractor(eventTime)
                    .withOffsetResetPolicy(AutoOffsetReset.earliest()).withName("from-" + topic));
            events = events == null ? input : events.merge(input, Named.as("merge-" + topic));
        }
        BranchedKStream<String, SpecificRecord> routes = events
                .process(processorSupplier(settings, serdes, listener), Named.as(PROCESSOR))
                .split(Named.as("route"));
        for (String topic : Topics.OUTPUTS) {
            Class<? extends SpecificRecord> type = OUTPUT_TYPES.get(topic);
            if (!topic.equals(Topics.SAAS_KPIS)) {
                routes.branch((account, value) -> type.isInstance(value), Branched.withConsumer(stream -> stream.to(topic,
                        Produced.with(Serdes.String(), anySerde(serdes, type)).withName(sinkName(topic))), "-to-" + topic));
            }
        }
        routes.branch((account, value) -> value instanceof KpiTransition, Branched.withConsumer(
                transitions -> portfolioKpis(transitions.mapValues(KpiTransition.class::cast,
                        Named.as(KPI_TRANSITIONS + "-typed")), settings, serdes, listener), "-to-" + KPI_TRANSITIONS));
        routes.noDefaultBranch();
        return builder.build();
    }

    /**
     * One partition: every KPI of a currency, and the all-time record, sums over all accounts, and the
     * close of a period needs the clocks of every account task. The KPI task's load is one small record
     * per applied event.
     */
    private static void portfolioKpis(KStream<String, KpiTransition> transitions, TopologySettings settings,
                                      ValueSerdes serdes, ProcessingListener listener) {
        transitions
                .repartition(Repartitioned.<String, KpiTransition>as(KPI_TRANSITIONS).withKeySerde(Serdes.String())
                        .withValueSerde(serdes.forType(KpiTransition.class)).withNumberOfPartitions(1))
                .process(kpiProcessorSupplier(settings, serdes, listener), Named.as(KPI_PROCESSOR))
                .to(Topics.SAAS_KPIS, Produced.with(Serdes.String(), serdes.forType(PortfolioKpis.class))
                        .withName(sinkName(Topics.SAAS_KPIS)));
    }

    static String sinkName(String topic) {
        return "to-" + topic;
    }

    /** The serde of {@code type} for a stream of mixed records: each stream is routed so it only carries that type. */
    @SuppressWarnings("unchecked")
    private static Serde<SpecificRecord> anySerde(ValueSerdes serdes, Class<? extends SpecificRecord> type) {
        return (Serde<SpecificRecord>) serdes.forType(type);
    }

    private static ProcessorSupplier<String, KpiTransition, String, PortfolioKpis> kpiProcessorSupplier(
            TopologySettings settings, ValueSerdes serdes, ProcessingListener listener) {
        StoreBuilder<KeyValueStore<String, StoredKpiTally>> tallies = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.KPI_PERIODS), Serdes.String(), serdes.forType(StoredKpiTally.class));
        StoreBuilder<KeyValueStore<String, StoredKpiTotals>> totals = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.KPI_TOTALS), Serdes.String(), serdes.forType(StoredKpiTotals.class));
        StoreBuilder<KeyValueStore<String, StoredKpiClocks>> clocks = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.KPI_CLOCKS), Serdes.String(), serdes.forType(StoredKpiClocks.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, KpiTransition, String, PortfolioKpis> get() {
                // A partition idle for two re-evaluation rounds (each sends its clock) no longer holds periods open.
                return new PortfolioKpiProcessor(settings.kpis(), settings.inputPartitions(),
                        settings.punctuateInterval().multipliedBy(2), listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(tallies, totals, clocks));
            }
        };
    }

    private static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> processorSupplier(
            TopologySettings settings, ValueSerdes serdes, ProcessingListener listener) {
        StoreBuilder<KeyValueStore<String, StoredAccountState>> accountStates = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ACCOUNT_STATE), Serdes.String(),
                serdes.forType(StoredAccountState.class));
        // Kept as long as a duplicate may arrive; segments older than that expire on their own.
        StoreBuilder<WindowStore<String, Long>> seenIds = Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StoreNames.SEEN_EVENT_IDS, settings.dedupRetention().multipliedBy(2),
                        settings.dedupRetention(), false), Serdes.String(), Serdes.Long());
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SpecificRecord, String, SpecificRecord> get() {
                return new AccountHealthProcessor(settings, listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(accountStates, seenIds));
            }
        };
    }
}
