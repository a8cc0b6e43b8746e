package io.healthstream.topology;

import io.healthstream.avro.KpiTransition;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredKpiClocks;
import io.healthstream.avro.StoredKpiTally;
import io.healthstream.avro.StoredKpiTotals;
import io.healthstream.scoring.kpi.AccountSnapshot;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.AllTimeFigures;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.Levels;
import io.healthstream.scoring.kpi.PeriodSummary;
import io.healthstream.scoring.kpi.PeriodTally;
import io.healthstream.scoring.kpi.PortfolioFigures;
import io.healthstream.scoring.kpi.PortfolioTotals;
import io.healthstream.scoring.kpi.SourceClocks;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Aggregates the account transitions of {@link AccountHealthProcessor}, all of them through one
 * repartition partition, into portfolio KPIs per calendar period and currency, on event time: the
 * watermark of the account tasks' clocks ({@link SourceClocks}). An open period is re-published as it
 * changes, at most once per emit interval of that time; once it passes the period's end plus the grace
 * period, the period is published one last time with {@code final=true} and folded into the currency's running totals.
 * Transitions of an already final period are late: counted as such and ignored.
 */
final class PortfolioKpiProcessor extends ContextualProcessor<String, KpiTransition, String, PortfolioKpis> {
    private static final String CLOCKS_KEY = "source-clocks";

    private final KpiConfig config;
    private final int inputPartitions;
    private final Duration idleAfter;
    private final ProcessingListener listener;
    private KeyValueStore<String, StoredKpiTally> periods;
    private KeyValueStore<String, StoredKpiTotals> totals;
    private KeyValueStore<String, StoredKpiClocks> clocks;

    PortfolioKpiProcessor(KpiConfig config, int inputPartitions, Duration idleAfter, ProcessingListener listener) {
        this.config = config;
        this.inputPartitions = inputPartitions;
        this.idleAfter = idleAfter;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, PortfolioKpis> context) {
        super.init(context);
        periods = context.getStateStore(StoreNames.KPI_PERIODS);
        totals = context.getStateStore(StoreNames.KPI_TOTALS);
        clocks = context.getStateStore(StoreNames.KPI_CLOCKS);
    }

    @Override
    public void process(Record<String, KpiTransition> record) {
        KpiTransition value = record.value();
        // Not this task's stream time: that is the most advanced partition's, and would close periods that a
        // lagging partition still has events for.
        Instant now = advanceClocks(value.getSourcePartition(), value.getClock());
        if (value.getChange() != null) {
            AccountTransition transition = TransitionMapper.toDomain(value.getChange());
            countBands(transition);
            if (transition.hasPeriodFacts()) {
                count(transition, now.isAfter(value.getClock()) ? now : value.getClock());
            }
        }
        List<StoredKpiTally> open = openPeriods();
        closeEnded(open, now);
        publishDue(open, now);
    }

    private void countBands(AccountTransition t) {
        String left = currencyOf(t.before());
        String entered = currencyOf(t.after());
        if (t.before().band() == t.after().band() && left.equals(entered)) {
            return;
        }
        updateTotals(left, loadTotals(left).withBandChange(t.before().band(), null));
        updateTotals(entered, loadTotals(entered).withBandChange(null, t.after().band()));
    }

    /**
     * The watermark after partition {@code partition}'s clock read {@code clock}: the slowest partition's event
     * time, wall-clock time only telling idle partitions from slow ones.
     */
    private Instant advanceClocks(int partition, Instant clock) {
        Instant wallNow = Instant.ofEpochMilli(context().currentSystemTimeMs());
        StoredKpiClocks stored = clocks.get(CLOCKS_KEY);
        SourceClocks updated = (stored == null ? SourceClocks.expecting(inputPartitions, wallNow) : KpiMapper.toDomain(stored))
                .advance(partition, clock, wallNow, idleAfter);
        clocks.put(CLOCKS_KEY, KpiMapper.toStored(updated));
        return updated.watermark();
    }

    /**
     * Counts {@code transition} unless its period has closed by {@code latest}, the later of the watermark and
     * its own partition's clock: by the latter, its account task has already forgotten the period's activity.
     */
    private void count(AccountTransition transition, Instant latest) {
        KpiPeriod.Period period = config.period().of(transition.at());
        if (!isOpen(period, latest)) {
            listener.late(context().recordMetadata().map(RecordMetadata::topic).orElse("unknown"));
            return;
        }
        String key = KpiMapper.key(period.label(), transition.currency());
        StoredKpiTally stored = periods.get(key);
        PeriodTally tally = stored == null ? PeriodTally.empty(period, transition.currency()) : KpiMapper.toDomain(stored);
        StoredKpiTally updated = KpiMapper.toStored(tally.plus(transition));
        updated.setLastEmittedAt(stored == null ? null : stored.getLastEmittedAt());
        updated.setPending(true);
        periods.put(key, updated);
        // Levels now changed too, so the all-time record is due again.
        updateTotals(transition.currency(), loadTotals(transition.currency()));
    }

    /** Periods in start order, so each closes on top of the ones before it. */
    private List<StoredKpiTally> openPeriods() {
        List<StoredKpiTally> open = new ArrayList<>();
        try (KeyValueIterator<String, StoredKpiTally> all = periods.all()) {
            all.forEachRemaining(entry -> open.add(entry.value));
        }
        open.sort(Comparator.comparing(StoredKpiTally::getPeriodStart));
        return open;
    }

    private void closeEnded(List<StoredKpiTally> open, Instant now) {
        for (StoredKpiTally stored : List.copyOf(open)) {
            PeriodTally tally = KpiMapper.toDomain(stored);
            if (isOpen(tally.period(), now)) {
                continue;
            }
            Levels start = levelsAt(tally.currency(), tally.period().start(), open);
            publish(tally.period().label(), tally.currency(),
                    KpiMapper.toRecord(PortfolioFigures.of(tally, start, config, true, now)), now);
            open.remove(stored);
            periods.delete(KpiMapper.key(tally.period().label(), tally.currency()));
            updateTotals(tally.currency(), loadTotals(tally.currency()).withClosed(tally, start));
        }
    }

    private void publishDue(List<StoredKpiTally> open, Instant now) {
        for (StoredKpiTally stored : open) {
            if (stored.getPending() && isDue(stored.getLastEmittedAt(), now)) {
                PeriodTally tally = KpiMapper.toDomain(stored);
                Levels start = levelsAt(tally.currency(), tally.period().start(), open);
                publish(tally.period().label(), tally.currency(),
                        KpiMapper.toRecord(PortfolioFigures.of(tally, start, config, false, now)), now);
                stored.setLastEmittedAt(now);
                stored.setPending(false);
                periods.put(KpiMapper.key(tally.period().label(), tally.currency()), stored);
            }
        }
        List<KeyValue<String, StoredKpiTotals>> dueTotals = new ArrayList<>();
        try (KeyValueIterator<String, StoredKpiTotals> all = totals.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getPending() && isDue(entry.value.getLastEmittedAt(), now)) {
                    dueTotals.add(entry);
                }
            });
        }
        for (KeyValue<String, StoredKpiTotals> entry : dueTotals) {
            publishAllTime(entry.key, entry.value, open, now);
        }
    }

    private void publishAllTime(String currency, StoredKpiTotals stored, List<StoredKpiTally> open, Instant now) {
        List<PeriodSummary> openSummaries = new ArrayList<>();
        Levels current = KpiMapper.toDomain(stored).closed();
        for (StoredKpiTally candidate : open) {
            if (candidate.getCurrency().equals(currency)) {
                PeriodTally tally = KpiMapper.toDomain(candidate);
                openSummaries.add(PeriodSummary.of(tally, levelsAt(currency, tally.period().start(), open)));
                current = current.after(tally);
            }
        }
        AllTimeFigures figures = KpiMapper.toDomain(stored).figures(current, openSummaries, config.strategy(), now);
        publish(AllTimeFigures.PERIOD, currency, KpiMapper.toRecord(figures), now);
        stored.setLastEmittedAt(now);
        stored.setPending(false);
        totals.put(currency, stored);
    }

    /** Paying accounts and MRR at {@code start}: the closed totals plus every open period before it. */
    private Levels levelsAt(String currency, Instant start, List<StoredKpiTally> open) {
        Levels levels = KpiMapper.toDomain(loadStoredTotals(currency)).closed();
        for (StoredKpiTally candidate : open) {
            if (candidate.getCurrency().equals(currency) && candidate.getPeriodStart().isBefore(start)) {
                levels = levels.after(KpiMapper.toDomain(candidate));
            }
        }
        return levels;
    }

    /** A period takes events until stream time has passed its end by the grace period. */
    private boolean isOpen(KpiPeriod.Period period, Instant now) {
        return now.isBefore(period.end().plus(config.grace()));
    }

    private boolean isDue(Instant lastEmittedAt, Instant now) {
        return lastEmittedAt == null || !Duration.between(lastEmittedAt, now).minus(config.emitInterval()).isNegative();
    }

    private void publish(String period, String currency, PortfolioKpis value, Instant now) {
        context().forward(new Record<>(KpiMapper.key(period, currency), value, now.toEpochMilli()));
        listener.emitted(new OutcomeMapper.Output(Topics.SAAS_KPIS,
                        period.equals(AllTimeFigures.PERIOD) ? "all-time" : "period", value),
                Math.max(0, context().currentSystemTimeMs() - now.toEpochMilli()));
    }

    private PortfolioTotals loadTotals(String currency) {
        return KpiMapper.toDomain(loadStoredTotals(currency));
    }

    private StoredKpiTotals loadStoredTotals(String currency) {
        StoredKpiTotals stored = totals.get(currency);
        return stored == null ? KpiMapper.toStored(PortfolioTotals.empty(currency)) : stored;
    }

    /** Stores new totals, keeping the emission bookkeeping and marking the all-time record as due. */
    private void updateTotals(String currency, PortfolioTotals updated) {
        StoredKpiTotals previous = totals.get(currency);
        StoredKpiTotals stored = KpiMapper.toStored(updated);
        stored.setLastEmittedAt(previous == null ? null : previous.getLastEmittedAt());
        stored.setPending(true);
        totals.put(currency, stored);
    }

    private static String currencyOf(AccountSnapshot snapshot) {
        return snapshot.currency() == null ? AccountTransition.NO_CURRENCY : snapshot.currency();
    }
}
