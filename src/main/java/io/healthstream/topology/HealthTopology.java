package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredAccountState;
import io.healthstream.avro.StoredKpiTally;
import io.healthstream.avro.StoredKpiTotals;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
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
 * opportunities; its account transitions feed the portfolio KPI processor in the same sub-topology.
 * A pure function of its arguments: no I/O, no environment reads.
 */
public final class HealthTopology {
    static final String PROCESSOR = "account-health-processor";
    static final String KPI_PROCESSOR = "portfolio-kpi-processor";

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
        Topology topology = new Topology();
        OccurredAtTimestampExtractor eventTime = new OccurredAtTimestampExtractor();
        String[] sources = Topics.INPUTS.stream().map(topic -> "from-" + topic).toArray(String[]::new);
        for (String topic : Topics.INPUTS) {
            // Replays from the beginning on first start: input history is what the scores are built from.
            topology.addSource(AutoOffsetReset.earliest(), "from-" + topic, eventTime,
                    Serdes.String().deserializer(), serdes.forType(INPUT_TYPES.get(topic)).deserializer(), topic);
        }
        topology.addProcessor(PROCESSOR, processorSupplier(settings, serdes, listener), sources);
        // Same sub-topology: transitions are handed over in memory, with the account state they came from.
        topology.addProcessor(KPI_PROCESSOR, kpiProcessorSupplier(settings, serdes, listener), PROCESSOR);
        for (String topic : Topics.OUTPUTS) {
            topology.addSink(sinkName(topic), topic, Serdes.String().serializer(),
                    serializerOf(serdes, OUTPUT_TYPES.get(topic)), topic.equals(Topics.SAAS_KPIS) ? KPI_PROCESSOR : PROCESSOR);
        }
        return topology;
    }

    static String sinkName(String topic) {
        return "to-" + topic;
    }

    private static <T extends SpecificRecord> org.apache.kafka.common.serialization.Serializer<SpecificRecord> serializerOf(
            ValueSerdes serdes, Class<T> type) {
        Serde<T> serde = serdes.forType(type);
        return (topic, value) -> serde.serializer().serialize(topic, type.cast(value));
    }

    private static ProcessorSupplier<String, AccountTransition, String, PortfolioKpis> kpiProcessorSupplier(
            TopologySettings settings, ValueSerdes serdes, ProcessingListener listener) {
        StoreBuilder<KeyValueStore<String, StoredKpiTally>> tallies = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.KPI_PERIODS), Serdes.String(), serdes.forType(StoredKpiTally.class));
        StoreBuilder<KeyValueStore<String, StoredKpiTotals>> totals = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.KPI_TOTALS), Serdes.String(), serdes.forType(StoredKpiTotals.class));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AccountTransition, String, PortfolioKpis> get() {
                return new PortfolioKpiProcessor(settings.kpis(), listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(tallies, totals));
            }
        };
    }

    private static ProcessorSupplier<String, SpecificRecord, String, Object> processorSupplier(
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
            public Processor<String, SpecificRecord, String, Object> get() {
                return new AccountHealthProcessor(settings, listener);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return new LinkedHashSet<>(List.of(accountStates, seenIds));
            }
        };
    }
}
