package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ScoreChange;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.TicketStage;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Score history on the test driver: what the history stores keep, and how they complete AccountHealth records. */
class HistoryTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String ACC = "acc-1";

    @TempDir
    Path stateDir;

    private TopologyHarness fixture;
    private TestOutputTopic<String, AccountHealth> health;

    private void start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "usage.expected.plan.pro", "100",
                "usage.impact.report_exported", "5"));
        settings.putAll(extra);
        fixture = new TopologyHarness(settings, T0, stateDir);
        health = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    /** The worked example: 99 GREEN after the NPS answer at hour 3. */
    private void workedExample() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .mrrBefore(0)
                .avro());
        fixture.pipeWorkedExampleActivity(ACC, T0);
    }

    private void openUrgentTicketAt(Instant at) {
        fixture.pipe(Events.ticket("T-9")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(at)
                .avro());
    }

    private AccountHistory history(Instant from, Instant to) {
        return HistoryReader.read(
                fixture.windowStore(StoreNames.HISTORY_POINTS),
                fixture.windowStore(StoreNames.HISTORY_EVENTS),
                ACC,
                from,
                to,
                5_000);
    }

    @Test
    @DisplayName(
            "an urgent ticket: support -30 credited to the ticket; a failed payment: billing credited to the payment")
    void changesNameTheComponentThatMovedAndTheEvent() {
        start(Map.of());
        workedExample();
        health.readValuesToList();
        SupportTicketEvent ticket = Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(hours(4))
                .avro();
        fixture.pipe(ticket);
        AccountHealth afterTicket = health.readValue();
        SubscriptionEvent failed = Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account(ACC)
                .at(hours(5))
                .avro();
        fixture.pipe(failed);
        AccountHealth afterPayment = health.readValue();

        assertThat(afterTicket.getScore()).isEqualTo(93.0);
        assertThat(afterTicket.getChanges())
                .containsExactly(new ScoreChange(
                        "support", -30.0, "1 open urgent ticket (-30) (event " + ticket.getEventId() + ")"));
        assertThat(afterPayment.getChanges()).singleElement().satisfies(change -> {
            assertThat(change.getComponent()).isEqualTo("billing");
            assertThat(change.getDelta())
                    .isEqualTo(afterPayment.getComponents().getBilling()
                            - afterTicket.getComponents().getBilling())
                    .isNegative();
            assertThat(change.getReason()).endsWith("(event " + failed.getEventId() + ")");
        });
        assertThat(afterPayment.getScore7dAgo()).isNull();
        assertThat(afterPayment.getScore30dAgo()).isNull();
    }

    @Test
    @DisplayName("the history keeps every published score and every other output, oldest first, as the topics saw them")
    void historyHoldsWhatWasPublished() {
        start(Map.of());
        workedExample();
        SubscriptionEvent failed = Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account(ACC)
                .at(hours(5))
                .avro();
        fixture.pipe(failed);
        List<AccountHealth> published = health.readValuesToList();
        List<ChurnSignal> signals =
                fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class).readValuesToList();

        AccountHistory history = history(T0, hours(6));

        assertThat(history.points())
                .extracting(AccountHistory.Point::at, AccountHistory.Point::score, AccountHistory.Point::band)
                .containsExactlyElementsOf(published.stream()
                        .map(h -> tuple(
                                h.getAsOf().toString(),
                                h.getScore(),
                                h.getBand().name()))
                        .toList());
        AccountHistory.Point last = history.points().get(history.points().size() - 1);
        assertThat(last.cause()).isEqualTo(new AccountHistory.Cause(failed.getEventId(), "EVENT"));
        assertThat(last.modelVersion())
                .isEqualTo(published.get(published.size() - 1).getModelVersion());
        assertThat(last.changes()).extracting(AccountHistory.Change::component).containsExactly("billing");
        assertThat(history.events()).anySatisfy(event -> {
            assertThat(event.kind()).isEqualTo("CHURN_SIGNAL");
            assertThat(event.id()).isEqualTo(ACC + "/subscription-events/" + failed.getEventId() + "/PAYMENT_FAILED");
            assertThat(event.severity())
                    .isEqualTo(signals.get(signals.size() - 1).getSeverity().name());
            assertThat(event.summary()).startsWith("PAYMENT_FAILED: ");
            assertThat(event.at()).isEqualTo(hours(5).toString());
        });
        assertThat(history(hours(4), hours(6)).points())
                .as("from bounds the span")
                .allSatisfy(point -> assertThat(Instant.parse(point.at())).isAfterOrEqualTo(hours(4)));
        assertThat(HistoryReader.read(
                                fixture.windowStore(StoreNames.HISTORY_POINTS),
                                fixture.windowStore(StoreNames.HISTORY_EVENTS),
                                ACC,
                                T0,
                                hours(6),
                                1)
                        .points())
                .as("limit keeps the newest")
                .containsExactly(last);
    }

    @Test
    @DisplayName("score_7d_ago and score_30d_ago are the latest published scores at or before 7 and 30 days back")
    void pastScoresComeFromTheHistory() {
        start(Map.of());
        workedExample();
        Instant later = hours(3).plus(Duration.ofDays(8));
        openUrgentTicketAt(later);
        List<AccountHealth> published = health.readValuesToList();
        AccountHealth last = published.get(published.size() - 1);
        Instant weekBefore = last.getAsOf().minus(Duration.ofDays(7));
        Double expected = published.stream()
                .filter(h -> !h.getAsOf().isAfter(weekBefore))
                .reduce((first, second) -> second)
                .map(AccountHealth::getScore)
                .orElseThrow();

        assertThat(last.getAsOf()).isEqualTo(later);
        assertThat(last.getScore7dAgo()).isEqualTo(expected);
        assertThat(last.getScore30dAgo()).isNull();
    }

    @Test
    @DisplayName("history.retention.days: points older than the retention are gone once stream time passes it")
    void historyForgetsWhatIsOlderThanItsRetention() {
        start(Map.of("history.retention.days", "1"));
        workedExample();
        Instant later = hours(3).plus(Duration.ofDays(3));
        openUrgentTicketAt(later);

        AccountHistory history = history(T0, later);

        assertThat(history.points())
                .isNotEmpty()
                .allSatisfy(point -> assertThat(Instant.parse(point.at())).isAfter(later.minus(Duration.ofDays(1))));
        assertThat(health.readValuesToList())
                .as("published earlier than the retention")
                .anySatisfy(h -> assertThat(h.getAsOf()).isBefore(later.minus(Duration.ofDays(1))));
    }
}
