package io.healthstream.metrics;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.ContractionType;
import io.healthstream.scoring.OpportunityType;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.SignalType;
import io.healthstream.scoring.kpi.KpiLedger;
import io.healthstream.topology.DeadLetterListener;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.ProcessingListener;
import io.healthstream.topology.RetentionGapListener;
import io.healthstream.topology.Topics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * healthstream's meters in one Prometheus registry: JVM and process metrics, Kafka Streams client
 * metrics once {@link #bind bound} to a {@link KafkaStreams}, and the engine's own counters, fed as
 * the topology's {@link ProcessingListener} and the dead-letter handlers' {@link DeadLetterListener}.
 * Tags are low-cardinality (topics, types, reasons, bands), never account ids.
 */
public final class HealthMetrics
        implements ProcessingListener, DeadLetterListener, RetentionGapListener, AutoCloseable {
    public static final String EVENTS_CONSUMED = "healthstream.events.consumed";
    public static final String EVENTS_DUPLICATE = "healthstream.events.duplicate";
    public static final String EVENTS_LATE = "healthstream.events.late";
    public static final String KPI_LATE = "healthstream.kpi.late";
    public static final String LTV_HELD = "healthstream.ltv.held";
    public static final String LTV_RELEASED = "healthstream.ltv.released";
    public static final String KPI_RECONCILIATION_FAILURES = "healthstream.kpi.reconciliation.failures";
    public static final String DLQ_RECORDS = "healthstream.dlq.records";
    public static final String RECORDS_EMITTED = "healthstream.records.emitted";
    public static final String CHURN_SIGNALS = "healthstream.churn.signals";
    public static final String CONTRACTION_ALERTS = "healthstream.contraction.alerts";
    public static final String CONTRACTED_MRR = "healthstream.contraction.mrr";
    public static final String EXPANSION_OPPORTUNITIES = "healthstream.expansion.opportunities";
    public static final String HEALTH_SCORE = "healthstream.health.score";
    public static final String EVENT_TO_EMIT_LATENCY = "healthstream.event.to.emit.latency";
    public static final String ACCOUNTS = "healthstream.accounts";
    public static final String SKIPPED_BY_RETENTION = "healthstream.input.records.skipped.by.retention";
    public static final String MODEL_INFO = "healthstream.model.info";

    /** How often new Kafka client metrics (tasks, stores, partitions come and go) are picked up. */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);
    /** How old the accounts-by-band count may be before a scrape recounts the stores. */
    static final Duration BAND_COUNT_MAX_AGE = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> bindings = new ArrayList<>();
    private final ScheduledExecutorService kafkaMetricsRefresh =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "healthstream-kafka-metrics-refresh");
                thread.setDaemon(true);
                return thread;
            });
    private final DistributionSummary scores;
    private final Timer latency;
    private final OpenPeriodKpis openPeriod = new OpenPeriodKpis(registry);
    private final CohortGauges cohorts = new CohortGauges(registry);

    public HealthMetrics() {
        registry.config().meterFilter(new StoreTagFilter());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        bindings.add(gc);
        scores = DistributionSummary.builder(HEALTH_SCORE)
                .description("Health scores published, 0-100; buckets every 5 points, so band bounds are bucket bounds")
                .serviceLevelObjectives(scoreBuckets())
                .register(registry);
        latency = Timer.builder(EVENT_TO_EMIT_LATENCY)
                .description("From the source event's time (occurred_at or record timestamp) to the output record")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        registerKnownSeries();
    }

    /**
     * Adds the client metrics of {@code streams} (threads, tasks, state stores, embedded consumers and
     * producers) and the accounts-by-band gauge, counted by {@code bandCounts} (empty while it cannot count).
     */
    public void bind(KafkaStreams streams, Supplier<Optional<Map<Band, Long>>> bandCounts) {
        KafkaStreamsMetrics kafka =
                new KafkaStreamsMetrics(streams, Tags.empty(), kafkaMetricsRefresh, KAFKA_METRICS_REFRESH);
        kafka.bindTo(registry);
        bindings.add(kafka);
        AccountsByBand bands = new AccountsByBand(bandCounts, Clock.systemUTC(), BAND_COUNT_MAX_AGE);
        for (Band band : Band.values()) {
            Gauge.builder(ACCOUNTS, bands, counts -> counts.count(band))
                    .description("Accounts by the band last published for them, in this instance's active stores")
                    .tag("band", band.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** The registry, for further binders. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** All meters in the Prometheus text format. */
    /**
     * The model this instance scores with, as an info metric (always 1, the version in its label), so that
     * dashboards and alerts can tell which model produced the numbers and spot instances running different ones.
     */
    public void scoringWith(String modelVersion) {
        Gauge.builder(MODEL_INFO, () -> 1)
                .description("the scoring model in use, named by its model_version label")
                .tag("model_version", modelVersion)
                .register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void consumed(String topic) {
        registry.counter(EVENTS_CONSUMED, "topic", topic).increment();
    }

    @Override
    public void duplicate(String topic) {
        registry.counter(EVENTS_DUPLICATE, "topic", topic).increment();
    }

    @Override
    public void late(String topic) {
        registry.counter(EVENTS_LATE, "topic", topic).increment();
    }

    @Override
    public void lateForKpis(String topic) {
        registry.counter(KPI_LATE, "topic", topic).increment();
    }

    @Override
    public void heldForLtv() {
        registry.counter(LTV_HELD).increment();
    }

    @Override
    public void releasedAfterLtvWait() {
        registry.counter(LTV_RELEASED).increment();
    }

    @Override
    public void published(Outcome outcome, long latencyMillis) {
        emitted(Topics.of(outcome), latencyMillis);
        if (outcome instanceof Outcome.HealthUpdate update) {
            scores.record(update.assessment().score());
        } else if (outcome instanceof Outcome.ChurnAlert alert) {
            registry.counter(CHURN_SIGNALS, "type", alert.type().name()).increment();
        } else if (outcome instanceof Outcome.Contraction contraction) {
            registry.counter(CONTRACTION_ALERTS, "kind", contraction.type().name())
                    .increment();
            registry.counter(CONTRACTED_MRR, "currency", contraction.currency()).increment(-contraction.mrrDelta());
        } else if (outcome instanceof Outcome.Opportunity opportunity) {
            registry.counter(
                            EXPANSION_OPPORTUNITIES,
                            "reason",
                            opportunity.type().name())
                    .increment();
        }
        // NPS follow-ups are counted by topic only
    }

    @Override
    public void published(KpiLedger.Report report, long latencyMillis) {
        emitted(Topics.SAAS_KPIS, latencyMillis);
        if (report instanceof KpiLedger.PeriodReport period) {
            openPeriod.published(period.figures());
            cohorts.published(period.figures());
            if (!period.figures().revenue().movementsReconcile()) {
                registry.counter(
                                KPI_RECONCILIATION_FAILURES,
                                "currency",
                                period.figures().currency())
                        .increment();
            }
        }
    }

    private void emitted(String topic, long latencyMillis) {
        registry.counter(RECORDS_EMITTED, "topic", topic).increment();
        latency.record(latencyMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts a dead letter. Called from Kafka Streams' error handlers, where a throw would stop the
     * stream thread, so a missing tag value (no current record during punctuation) is named, never null.
     */
    @Override
    public void deadLettered(String sourceTopic, String reason) {
        registry.counter(
                        DLQ_RECORDS,
                        "topic",
                        sourceTopic == null ? DeadLetterRecords.NO_SOURCE_TOPIC : sourceTopic,
                        "reason",
                        reason == null ? "unknown" : reason)
                .increment();
    }

    /** Counts input offsets the broker deleted before the consumer read them. */
    @Override
    public void skippedByRetention(String topic, long skipped) {
        registry.counter(SKIPPED_BY_RETENTION, "topic", topic).increment(skipped);
    }

    @Override
    public void close() {
        for (AutoCloseable binding : bindings) {
            try {
                binding.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close metrics binding " + binding, e);
            }
        }
        kafkaMetricsRefresh.shutdownNow();
        registry.close();
    }

    /** Counters of known topics and types start at zero, so rates and dashboards have series before the first event. */
    private void registerKnownSeries() {
        for (String topic : Topics.INPUTS) {
            registry.counter(EVENTS_CONSUMED, "topic", topic);
            registry.counter(EVENTS_DUPLICATE, "topic", topic);
            registry.counter(EVENTS_LATE, "topic", topic);
            registry.counter(KPI_LATE, "topic", topic);
            registry.counter(SKIPPED_BY_RETENTION, "topic", topic);
        }
        Topics.OUTPUTS.forEach(topic -> registry.counter(RECORDS_EMITTED, "topic", topic));
        registry.counter(LTV_HELD);
        registry.counter(LTV_RELEASED);
        for (SignalType type : SignalType.values()) {
            registry.counter(CHURN_SIGNALS, "type", type.name());
        }
        for (ContractionType kind : ContractionType.values()) {
            registry.counter(CONTRACTION_ALERTS, "kind", kind.name());
        }
        for (OpportunityType reason : OpportunityType.values()) {
            registry.counter(EXPANSION_OPPORTUNITIES, "reason", reason.name());
        }
    }

    private static double[] scoreBuckets() {
        double[] buckets = new double[20];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = (i + 1) * 5.0;
        }
        return buckets;
    }
}
