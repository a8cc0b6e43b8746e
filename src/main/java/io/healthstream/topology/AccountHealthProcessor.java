package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.intake.AccountIntake;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.scoring.intake.Decision;
import io.healthstream.scoring.intake.Step;
import io.healthstream.scoring.kpi.KpiBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Translates each account's events to {@link AccountIntake} calls and their decisions back to output
 * records. Time-based re-evaluations run at the moments the model names: before an account's next
 * event, or, for an account that stays silent, once stream time is past the moment by
 * {@code input.allowed-lateness} ({@link DueIndex} says which accounts are due). Never on the wall
 * clock, so a catch-up over a backlog decides exactly what a replay of the same events decides. The
 * accounts' KPI contributions collect in the task's {@link KpiOutbox}, sent on as one delta per flush. Every
 * output also goes to the account's history ({@link HistoryRecorder}), which completes AccountHealth records first;
 * then each AccountHealth record takes its LTV from the {@link LtvGate}, which holds it back while the segment
 * churn rate it needs is not yet published (it looks again on every event and KPI flush).
 *
 * <p>Two punctuations, by design: the re-evaluations follow stream time, so that they depend on the events
 * alone; the KPI flush follows the wall clock, because a task that receives nothing must still send its
 * clock, or the ledger would hold every period open for it.
 */
public final class AccountHealthProcessor extends ContextualProcessor<String, AccountEvent, String, Output> {
    /** How often the task sends its KPI contributions on, in wall-clock time. */
    public static final Duration KPI_FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final TopologySettings settings;
    private final AccountIntake intake;
    private final OutcomeMapper mapper;
    private final ProcessingListener listener;
    private final DueIndex due = new DueIndex();
    private final AccountCache cache;
    private KeyValueStore<String, StoredAccount> accounts;
    private KpiOutbox outbox;
    private HistoryRecorder history;
    private LtvGate ltv;
    private Cancellable kpiFlush;
    private Instant lastSentClock;

    AccountHealthProcessor(TopologySettings settings, ProcessingListener listener) {
        this.settings = settings;
        this.intake = new AccountIntake(
                settings.segments(), settings.kpis(), settings.limits().maxOverride());
        this.mapper = new OutcomeMapper(settings.modelVersion(), settings.limits());
        this.listener = listener;
        this.cache = new AccountCache(settings.accountCacheSize());
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        super.init(context);
        accounts = context.getStateStore(StoreNames.ACCOUNTS);
        outbox = new KpiOutbox(context.getStateStore(StoreNames.KPI_OUTBOX), settings.kpis());
        history = new HistoryRecorder(
                context.getStateStore(StoreNames.HISTORY_POINTS), context.getStateStore(StoreNames.HISTORY_EVENTS));
        ltv = new LtvGate(
                context.getStateStore(StoreNames.SEGMENT_CHURN),
                context.getStateStore(StoreNames.LTV_PENDING),
                settings.kpis(),
                (accountId, health) -> context()
                        .forward(new Record<>(
                                accountId,
                                new Output(Topics.ACCOUNT_HEALTH, health),
                                health.getAsOf().toEpochMilli())),
                listener);
        cache.clear(); // a task that restarts after a failure may have restored older state than it cached
        try (KeyValueIterator<String, StoredAccount> all = accounts.all()) {
            all.forEachRemaining(entry -> {
                AccountMemory memory = StateMapper.toDomain(entry.value);
                cache.put(entry.key, memory);
                due.set(entry.key, intake.nextDue(memory));
            });
        }
        context.schedule(settings.punctuateInterval(), PunctuationType.STREAM_TIME, this::reevaluateDue);
        kpiFlush = context.schedule(KPI_FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> flushKpis());
    }

    @Override
    public void process(Record<String, AccountEvent> record) {
        String topic = context()
                .recordMetadata()
                .map(RecordMetadata::topic)
                .orElse(Topics.of(record.value().source()));
        listener.consumed(topic);
        ltv.releaseReady();
        String accountId = record.key();
        AccountMemory known = load(accountId);
        AccountMemory memory = known == null ? AccountMemory.NEW : known;
        Step step = intake.onEvent(memory, record.value(), kpiClock(), due.nextDue(accountId));
        switch (step.disposition()) {
            case DUPLICATE -> listener.duplicate(topic);
            case LATE -> listener.late(topic);
            default -> {}
        }
        if (step.kpiLate()) {
            listener.lateForKpis(topic);
        }
        apply(accountId, step, record.timestamp());
    }

    /**
     * Runs the re-evaluations of the accounts that stream time has passed by the allowed lateness: an event
     * that arrives up to that late still counts before them, whatever the partitioning.
     */
    private void reevaluateDue(long streamTime) {
        Instant now = Instant.ofEpochMilli(streamTime).minus(settings.limits().allowedLateness());
        for (DueIndex.Due account : due.dueBefore(now)) {
            AccountMemory memory = load(account.accountId());
            if (memory == null) {
                due.set(account.accountId(), Optional.empty());
                continue;
            }
            apply(account.accountId(), intake.onTime(memory, account.at(), now, kpiClock()), streamTime);
        }
    }

    /** The account from the cache, else decoded from the store; null when it has none. */
    private AccountMemory load(String accountId) {
        AccountMemory cached = cache.get(accountId);
        if (cached != null) {
            return cached;
        }
        StoredAccount stored = accounts.get(accountId);
        if (stored == null) {
            return null;
        }
        AccountMemory memory = StateMapper.toDomain(stored);
        cache.put(accountId, memory);
        return memory;
    }

    private void apply(String accountId, Step step, long sourceTime) {
        if (step.changed()) {
            accounts.put(accountId, StateMapper.toStored(step.memory()));
            cache.put(accountId, step.memory());
        }
        due.set(accountId, step.nextDue());
        step.kpis().forEach(outbox::add);
        long now = context().currentSystemTimeMs();
        for (Decision decision : step.decisions()) {
            Output output = mapper.map(decision, accountId, Instant.ofEpochMilli(now));
            history.record(accountId, decision, output);
            if (output.value() instanceof AccountHealth health) {
                ltv.admit(accountId, health, decision.account(), decision.asOf());
            } else {
                context()
                        .forward(new Record<>(accountId, output, decision.asOf().toEpochMilli()));
            }
            listener.published(decision.outcome(), Math.max(0, now - sourceTime));
        }
    }

    /**
     * Releases the AccountHealth records whose churn rate has arrived, and sends the task's KPI contributions
     * with its clock. The clock goes even with nothing to add: it is how
     * the ledger learns this task has passed a period's end and will send nothing more for it.
     */
    private void flushKpis() {
        ltv.releaseReady();
        if (context().currentStreamTimeMs() < 0) {
            return; // nothing read yet: no clock to hold anybody back with
        }
        Instant clock = kpiClock();
        if (outbox.isEmpty() && clock.equals(lastSentClock)) {
            return;
        }
        KpiBatch batch = outbox.drain();
        lastSentClock = clock;
        KpiDelta delta = KpiMapper.toDelta(batch, context().taskId().partition(), clock, false);
        context().forward(new Record<>(KpiMapper.DELTA_KEY, Output.kpiDelta(delta), clock.toEpochMilli()));
    }

    private Instant kpiClock() {
        return Instant.ofEpochMilli(Math.max(0, context().currentStreamTimeMs()));
    }

    @Override
    public void close() {
        if (kpiFlush != null) {
            kpiFlush.cancel();
        }
    }
}
