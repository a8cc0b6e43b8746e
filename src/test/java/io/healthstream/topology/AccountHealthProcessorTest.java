package io.healthstream.topology;

import static io.healthstream.testdata.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.SignalType;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The account processor alone, on a {@link MockProcessorContext}: records in, domain calls, records and stores out. */
class AccountHealthProcessorTest {
    private static final TopologySettings SETTINGS = TopologySettings.of(ModelConfig.defaults(), "test");
    /** INACTIVE is due this long after the last usage, and acted on once stream time is past it by the lateness. */
    private static final Duration INACTIVE_AND_LATENESS =
            Duration.ofDays(14).plus(SETTINGS.limits().allowedLateness());

    private final MockProcessorContext<String, Output> context = new MockProcessorContext<>();
    private final RecordingListener listener = new RecordingListener();
    private MockStores stores;
    private KeyValueStore<String, StoredAccount> accounts;
    private AccountHealthProcessor processor;

    @BeforeEach
    void start() {
        context.setCurrentStreamTimeMs(0);
        context.setCurrentSystemTimeMs(T0.toEpochMilli());
        stores = new MockStores(context);
        accounts = stores.add(StoreNames.ACCOUNTS, StoredAccount.class);
        stores.add(StoreNames.KPI_OUTBOX, KpiDelta.class);
        stores.addHistory();
        processor = started();
    }

    @AfterEach
    void stop() {
        processor.close();
        stores.close();
    }

    private AccountHealthProcessor started() {
        AccountHealthProcessor started = new AccountHealthProcessor(SETTINGS, listener);
        started.init(context);
        return started;
    }

    private void process(String topic, AccountEvent event) {
        context.setRecordMetadata(topic, 0, 0);
        context.setCurrentStreamTimeMs(
                Math.max(context.currentStreamTimeMs(), event.occurredAt().toEpochMilli()));
        processor.process(new Record<>("acc-1", event, event.occurredAt().toEpochMilli()));
    }

    private void paidAndUsed() {
        process(
                Topics.SUBSCRIPTION_EVENTS,
                Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED).build());
        process(
                Topics.USAGE_EVENTS,
                Events.usage().count(50).at(T0.plusSeconds(60)).build());
    }

    private List<Output> forwarded() {
        return context.forwarded().stream()
                .<Output>map(forward -> forward.record().value())
                .toList();
    }

    private void punctuate(PunctuationType type, Instant at) {
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), at.toEpochMilli()));
        context.scheduledPunctuators().stream()
                .filter(p -> p.getType() == type)
                .forEach(p -> p.getPunctuator().punctuate(at.toEpochMilli()));
    }

    private boolean inactiveSignalled() {
        return listener.published.stream()
                .anyMatch(o -> o instanceof Outcome.ChurnAlert alert && alert.type() == SignalType.INACTIVE);
    }

    @Test
    @DisplayName("an event is applied: the account is stored and its decisions go out, each to its topic")
    void anEventIsStoredAndItsDecisionsForwarded() {
        paidAndUsed();

        assertThat(accounts.get("acc-1")).isNotNull();
        assertThat(forwarded()).extracting(Output::topic).contains(Topics.ACCOUNT_HEALTH);
        assertThat(listener.consumed).containsExactly(Topics.SUBSCRIPTION_EVENTS, Topics.USAGE_EVENTS);
    }

    @Test
    @DisplayName("an event id the account already applied from the same topic changes nothing and is counted")
    void aDuplicateChangesNothing() {
        AccountEvent usage = Events.usage().id("u-1").count(50).build();
        process(Topics.USAGE_EVENTS, usage);
        context.resetForwards();

        process(Topics.USAGE_EVENTS, usage);

        assertThat(context.forwarded()).isEmpty();
        assertThat(listener.duplicates).containsExactly(Topics.USAGE_EVENTS);
    }

    @Test
    @DisplayName(
            "the stream-time punctuation re-evaluates an account only once stream time is past its due moment by the lateness")
    void aSilentAccountIsReevaluatedWhenDue() {
        paidAndUsed();
        Instant lastUsage = T0.plusSeconds(60);

        punctuate(
                PunctuationType.STREAM_TIME,
                lastUsage.plus(INACTIVE_AND_LATENESS).minusSeconds(1));
        assertThat(inactiveSignalled()).isFalse();

        punctuate(
                PunctuationType.STREAM_TIME,
                lastUsage.plus(INACTIVE_AND_LATENESS).plusSeconds(1));
        assertThat(inactiveSignalled()).isTrue();
    }

    @Test
    @DisplayName("a restarted task rebuilds its index of due accounts from the store")
    void theDueIndexIsRebuiltFromTheStore() {
        paidAndUsed();
        processor.close();

        processor = started();
        punctuate(
                PunctuationType.STREAM_TIME,
                T0.plusSeconds(60).plus(INACTIVE_AND_LATENESS).plusSeconds(1));

        assertThat(inactiveSignalled()).isTrue();
    }

    @Test
    @DisplayName(
            "the wall-clock punctuation sends the task's KPI contributions as one delta with its clock, and the clock again only once it moved")
    void kpiContributionsGoOutAsOneDeltaPerFlush() {
        paidAndUsed();
        context.resetForwards();

        punctuate(PunctuationType.WALL_CLOCK_TIME, T0.plusSeconds(60));
        punctuate(PunctuationType.WALL_CLOCK_TIME, T0.plusSeconds(60));

        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo(KpiMapper.DELTA_KEY);
            assertThat(forward.record().value().topic()).isEqualTo(Output.KPI_ROUTE);
            KpiDelta delta = (KpiDelta) forward.record().value().value();
            assertThat(delta.getClock()).isEqualTo(T0.plusSeconds(60));
            assertThat(delta.getSourcePartition()).isEqualTo(context.taskId().partition());
            assertThat(delta.getTallies()).isNotEmpty();
        });
    }
}
