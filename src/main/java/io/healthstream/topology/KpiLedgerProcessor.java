package io.healthstream.topology;

import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredKpiLedger;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiLedger;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the account tasks' KPI deltas, all through one partition, into the {@link KpiLedger} and
 * publishes what it reports: KPIs to {@code saas-kpis}, the segments' churn rates to
 * {@code healthstream-segment-churn} (read back by every account task for per-account LTV). The ledger is one
 * record in one store. A period whose MRR movements do not add up to its measured change is published all the
 * same, logged and counted.
 */
final class KpiLedgerProcessor extends ContextualProcessor<String, KpiDelta, String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(KpiLedgerProcessor.class);
    private static final String KEY = "ledger";

    private final KpiConfig config;
    private final int inputPartitions;
    private final Duration idleAfter;
    private final ProcessingListener listener;
    private KeyValueStore<String, StoredKpiLedger> store;

    KpiLedgerProcessor(KpiConfig config, int inputPartitions, Duration idleAfter, ProcessingListener listener) {
        this.config = config;
        this.inputPartitions = inputPartitions;
        this.idleAfter = idleAfter;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        store = context.getStateStore(StoreNames.KPI_LEDGER);
    }

    @Override
    public void process(Record<String, KpiDelta> record) {
        KpiDelta delta = record.value();
        Instant wallNow = Instant.ofEpochMilli(context().currentSystemTimeMs());
        StoredKpiLedger stored = store.get(KEY);
        KpiLedger ledger = stored == null ? KpiLedger.start(inputPartitions, wallNow) : KpiMapper.toDomain(stored);
        KpiLedger.Update update = delta.getEndOfInput()
                ? ledger.endOfInput(
                        delta.getSourcePartition(),
                        delta.getClock(),
                        KpiMapper.toBatch(delta),
                        wallNow,
                        idleAfter,
                        config)
                : ledger.receive(
                        delta.getSourcePartition(),
                        delta.getClock(),
                        KpiMapper.toBatch(delta),
                        wallNow,
                        idleAfter,
                        config);
        for (int late = 0; late < update.lateTallies(); late++) {
            listener.lateForKpis(Output.KPI_ROUTE);
        }
        store.put(KEY, KpiMapper.toStored(update.ledger()));
        for (KpiLedger.Report report : update.reports()) {
            if (report instanceof KpiLedger.SegmentChurnReport churn) {
                context()
                        .forward(new Record<>(
                                churn.rates().through().toString(),
                                KpiMapper.toStored(churn.rates()),
                                record.timestamp()));
                continue;
            }
            if (report instanceof KpiLedger.MonthsClosedReport closed) {
                context()
                        .forward(new Record<>(
                                KpiMapper.CLOSED_MONTHS_KEY, KpiMapper.toStored(closed), record.timestamp()));
                continue;
            }
            PortfolioKpis value = KpiMapper.toRecord(report, wallNow);
            if (!value.getMovementsReconcile()) {
                // Never expected: the record still goes out, with the measured mrr_end and a note saying what is off.
                LOG.warn("KPI period {} does not reconcile: {}", KpiMapper.key(report), value.getNotes());
            }
            context()
                    .forward(new Record<>(
                            KpiMapper.key(report), value, value.getAsOf().toEpochMilli()));
            listener.published(
                    report, Math.max(0, wallNow.toEpochMilli() - value.getAsOf().toEpochMilli()));
        }
    }
}
