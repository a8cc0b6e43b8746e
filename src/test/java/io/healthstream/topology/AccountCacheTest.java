package io.healthstream.topology;

import static io.healthstream.testdata.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The account processor's cache of decoded accounts: it changes how often the store is decoded, never a decision. */
class AccountCacheTest {
    private static final List<String> ACCOUNTS = List.of("acc-1", "acc-2", "acc-3");

    /** An event with the account it is keyed by. */
    private record Keyed(String account, AccountEvent event) {}

    /** Three accounts' events interleaved over three weeks: a subscription each, then usage that slides. */
    private static final List<Keyed> EVENTS = events();

    private static List<Keyed> events() {
        List<Keyed> events = new ArrayList<>();
        ACCOUNTS.forEach(account -> events.add(new Keyed(
                account,
                Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                        .account(account)
                        .at(T0)
                        .build())));
        for (int day = 0; day < 21; day++) {
            for (String account : ACCOUNTS) {
                events.add(new Keyed(
                        account,
                        Events.usage()
                                .account(account)
                                .count(Math.max(1, 60 - 3 * day))
                                .at(T0.plus(Duration.ofDays(day)).plusSeconds(3_600 + ACCOUNTS.indexOf(account)))
                                .build()));
            }
        }
        return events;
    }

    @Test
    @DisplayName(
            "the same events give the same outputs and stored accounts with no cache, a one-account cache and a large one")
    void theCacheChangesNoOutput() {
        Run uncached = new Run(0);
        Run tiny = new Run(1);
        Run large = new Run(1_000);
        for (Run run : List.of(uncached, tiny, large)) {
            EVENTS.forEach(run::process);
            run.punctuate(T0.plus(Duration.ofDays(60)));
        }

        assertThat(uncached.outputs()).hasSizeGreaterThan(EVENTS.size() / 2);
        assertThat(tiny.outputs()).isEqualTo(uncached.outputs());
        assertThat(large.outputs()).isEqualTo(uncached.outputs());
        for (String account : ACCOUNTS) {
            assertThat(tiny.accounts.get(account)).isEqualTo(uncached.accounts.get(account));
            assertThat(large.accounts.get(account)).isEqualTo(uncached.accounts.get(account));
        }
        List.of(uncached, tiny, large).forEach(Run::close);
    }

    @Test
    @DisplayName("a task that restarts on restored state reads the store, not what it cached before")
    void aRestartForgetsTheCache() {
        Run run = new Run(1_000);
        Keyed first = EVENTS.get(0);
        run.process(first);

        run.accounts.delete(first.account()); // as a restore after a failed transaction leaves it
        run.processor.init(run.context);
        run.context.resetForwards();
        run.process(first);

        assertThat(run.listener.duplicates).isEmpty();
        assertThat(run.outputs()).isNotEmpty();
        run.close();
    }

    /** One task's processor with a cache of {@code size} accounts over in-memory stores. */
    private static final class Run implements AutoCloseable {
        final MockProcessorContext<String, Output> context = new MockProcessorContext<>();
        final RecordingListener listener = new RecordingListener();
        final MockStores stores = new MockStores(context);
        final KeyValueStore<String, StoredAccount> accounts;
        final AccountHealthProcessor processor;

        Run(int size) {
            context.setCurrentStreamTimeMs(0);
            context.setCurrentSystemTimeMs(T0.toEpochMilli());
            accounts = stores.add(StoreNames.ACCOUNTS, StoredAccount.class);
            stores.add(StoreNames.KPI_OUTBOX, KpiDelta.class);
            stores.addHistory();
            TopologySettings defaults = TopologySettings.of(ModelConfig.defaults(), "test");
            processor = new AccountHealthProcessor(
                    new TopologySettings(
                            defaults.segments(),
                            defaults.modelVersion(),
                            defaults.punctuateInterval(),
                            defaults.kpis(),
                            defaults.inputPartitions(),
                            defaults.limits(),
                            size,
                            defaults.historyRetention(),
                            defaults.applicationId()),
                    listener);
            processor.init(context);
        }

        void process(Keyed keyed) {
            AccountEvent event = keyed.event();
            context.setRecordMetadata(Topics.of(event.source()), 0, 0);
            context.setCurrentStreamTimeMs(
                    Math.max(context.currentStreamTimeMs(), event.occurredAt().toEpochMilli()));
            processor.process(
                    new Record<>(keyed.account(), event, event.occurredAt().toEpochMilli()));
        }

        void punctuate(Instant at) {
            context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), at.toEpochMilli()));
            context.scheduledPunctuators().stream()
                    .filter(p -> p.getType() == PunctuationType.STREAM_TIME)
                    .forEach(p -> p.getPunctuator().punctuate(at.toEpochMilli()));
        }

        List<Output> outputs() {
            return context.forwarded().stream()
                    .<Output>map(forward -> forward.record().value())
                    .toList();
        }

        @Override
        public void close() {
            processor.close();
            stores.close();
        }
    }
}
