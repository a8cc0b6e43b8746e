package io.healthstream.topology;

import io.healthstream.avro.StoredAccountState;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.HealthEngine;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.kpi.AccountSnapshot;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.RecentActivity;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds every input event of an account through the {@link HealthEngine} against the account's
 * stored state, and forwards what it decides to the output sinks. Punctuation re-evaluates every
 * account as time passes, on stream time and on wall-clock time, so silent accounts decay too.
 * Every state change also goes out, as an {@link AccountTransition} record, for the portfolio KPI
 * processor; the topology routes each output to its topic by type.
 */
final class AccountHealthProcessor extends ContextualProcessor<String, SpecificRecord, String, SpecificRecord> {
    private final TopologySettings settings;
    private final HealthEngine engine;
    private final OutcomeMapper mapper;
    private final ProcessingListener listener;
    private KeyValueStore<String, StoredAccountState> states;
    private WindowStore<String, Long> seenEventIds;

    AccountHealthProcessor(TopologySettings settings, ProcessingListener listener) {
        this.settings = settings;
        this.engine = new HealthEngine(settings.model());
        this.mapper = new OutcomeMapper(settings.modelVersion());
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        states = context.getStateStore(StoreNames.ACCOUNT_STATE);
        seenEventIds = context.getStateStore(StoreNames.SEEN_EVENT_IDS);
        context.schedule(settings.punctuateInterval(), PunctuationType.STREAM_TIME, this::tickAll);
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, timestamp -> {
            tickAll(timestamp);
            sendClock();
        });
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String topic = context().recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        listener.consumed(topic);
        AccountEvent event = EventMapper.toDomain(record.value());
        String accountId = EventMapper.accountId(record.value());
        if (alreadySeen(event.eventId(), record.timestamp())) {
            listener.duplicate(topic);
            return;
        }
        Instant now = Instant.ofEpochMilli(Math.max(context().currentStreamTimeMs(), record.timestamp()));
        StoredAccountState stored = states.get(accountId);
        AccountState state = stored == null ? new AccountState(accountId) : StateMapper.toDomain(stored);
        AccountSnapshot before = kpiSnapshot(state); // portfolio KPIs (issue 6)
        HealthEngine.Result result = engine.apply(state, event, now);
        if (result.late()) {
            listener.late(topic);
            return;
        }
        AccountSnapshot after = kpiSnapshot(state);
        RecentActivity kpiActivity = stored == null ? RecentActivity.NONE : StateMapper.kpiActivity(stored);
        RecentActivity.Counted counted = kpiActivity.count(event, after.onboarded(), settings.kpis(), now);
        states.put(accountId, StateMapper.toStored(state, counted.memory()));
        forward(result.outcomes(), accountId, event.eventId(), now, record.timestamp());
        forwardTransition(new AccountTransition(accountId, event.occurredAt(), before, after, counted.facts()), now);
    }

    /** Remembers the id and tells whether it was seen within the retention (same account, same task). */
    private boolean alreadySeen(String eventId, long timestamp) {
        long retention = settings.dedupRetention().toMillis();
        try (WindowStoreIterator<Long> hits = seenEventIds.fetch(eventId, timestamp - retention, timestamp + retention)) {
            if (hits.hasNext()) {
                return true;
            }
        }
        seenEventIds.put(eventId, timestamp, timestamp);
        return false;
    }

    private void tickAll(long timestamp) {
        Instant now = Instant.ofEpochMilli(Math.max(timestamp, context().currentStreamTimeMs()));
        List<KeyValue<String, StoredAccountState>> accounts = new ArrayList<>();
        try (KeyValueIterator<String, StoredAccountState> all = states.all()) {
            all.forEachRemaining(accounts::add);
        }
        for (KeyValue<String, StoredAccountState> account : accounts) {
            AccountState state = StateMapper.toDomain(account.value);
            AccountSnapshot before = kpiSnapshot(state); // portfolio KPIs (issue 6)
            List<Outcome> outcomes = engine.tick(state, now);
            StoredAccountState updated = StateMapper.toStored(state, StateMapper.kpiActivity(account.value));
            if (!updated.equals(account.value)) {
                states.put(account.key, updated);
            }
            forward(outcomes, account.key, "tick:" + account.key + ":" + now, now, now.toEpochMilli());
            AccountSnapshot after = kpiSnapshot(state);
            if (!after.equals(before)) {
                forwardTransition(new AccountTransition(account.key, now, before, after, null), streamTime());
            }
        }
    }

    // Portfolio KPIs (issue 6): the facts come from this processor's state, so the KPI processor keeps no account copy.
    private AccountSnapshot kpiSnapshot(AccountState state) {
        return AccountSnapshot.of(state, settings.kpis().onboardingSteps());
    }

    /**
     * Sent with this task's clock (stream time, never the wall clock): the KPI processor closes a period only
     * once every partition's clock has passed it, and treats what this task sends after that as late.
     */
    private void forwardTransition(AccountTransition transition, Instant clock) {
        int partition = context().taskId().partition();
        context().forward(new Record<>(transition.accountId(), TransitionMapper.toRecord(transition, partition, clock),
                clock.toEpochMilli()));
    }

    /** As wall-clock time passes, so that the KPI processor sees an idle partition as idle, not slow. */
    private void sendClock() {
        if (context().currentStreamTimeMs() < 0) {
            return; // nothing read yet: no clock to hold anybody back with
        }
        int partition = context().taskId().partition();
        context().forward(new Record<>("clock/" + partition, TransitionMapper.clockOnly(partition, streamTime()),
                streamTime().toEpochMilli()));
    }

    private Instant streamTime() {
        return Instant.ofEpochMilli(Math.max(0, context().currentStreamTimeMs()));
    }

    private void forward(List<Outcome> outcomes, String accountId, String sourceId, Instant now, long sourceTime) {
        long latency = Math.max(0, context().currentSystemTimeMs() - sourceTime);
        for (Outcome outcome : outcomes) {
            OutcomeMapper.Output output = mapper.map(outcome, accountId, sourceId, now);
            context().forward(new Record<>(accountId, output.value(), now.toEpochMilli()));
            listener.emitted(output, latency);
        }
    }
}
