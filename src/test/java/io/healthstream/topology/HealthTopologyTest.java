package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ChurnSignalType;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ContractionKind;
import io.healthstream.avro.ExpansionOpportunity;
import io.healthstream.avro.ExpansionReason;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.NpsCategory;
import io.healthstream.avro.NpsFollowUp;
import io.healthstream.avro.StoredAccount;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.TouchTier;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.TicketStage;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The health topology end to end on the test driver: Avro in, Avro out, state in the stores. */
class HealthTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String ACC = "acc-1";

    @TempDir
    Path stateDir;

    private TopologyHarness fixture;
    private TestOutputTopic<String, AccountHealth> health;
    private TestOutputTopic<String, ChurnSignal> signals;

    @BeforeEach
    void start() {
        startWith(Map.of(
                "usage.expected.plan.pro",
                "100",
                "usage.impact.report_exported",
                "5",
                "usage.impact.half",
                "0.5",
                "usage.impact.fortieth",
                "0.025"));
    }

    private void startWith(Map<String, String> settings) {
        if (fixture != null) {
            fixture.close();
        }
        fixture = new TopologyHarness(settings, T0, stateDir);
        health = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class);
        signals = fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    private AccountHealth lastHealth() {
        List<AccountHealth> records = health.readValuesToList();
        assertThat(records).as("account-health records").isNotEmpty();
        return records.get(records.size() - 1);
    }

    private KeyValueStore<String, StoredAccount> store() {
        return fixture.store(StoreNames.ACCOUNTS);
    }

    private void activeProAccountWithWorkedExampleUsage() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .mrrBefore(0)
                .avro());
        fixture.pipeWorkedExampleActivity(ACC, T0);
    }

    @Test
    @DisplayName("worked example: 99 GREEN, an urgent ticket gives 93, a failed payment gives 69 YELLOW")
    void workedExampleScoresNinetyNineThenNinetyThreeThenSixtyNine() {
        activeProAccountWithWorkedExampleUsage();
        AccountHealth first = lastHealth();
        assertThat(first.getScore()).isEqualTo(99.0);
        assertThat(first.getBand()).isEqualTo(HealthBand.GREEN);
        assertThat(first.getComponents().getUsage()).isEqualTo(100.0);
        assertThat(first.getComponents().getNps()).isEqualTo(90.0);
        assertThat(first.getTouchTier()).isEqualTo(TouchTier.MID_TOUCH);

        fixture.pipe(Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(hours(4))
                .avro());
        AccountHealth second = lastHealth();
        assertThat(second.getScore()).isEqualTo(93.0);
        assertThat(second.getPreviousScore()).isEqualTo(99.0);
        assertThat(second.getDrivers())
                .anySatisfy(d -> assertThat(d.getMessage()).isEqualTo("1 open urgent ticket (-30): support 70"));

        SubscriptionEvent failed = Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account(ACC)
                .at(hours(5))
                .avro();
        fixture.pipe(failed);
        AccountHealth third = lastHealth();
        assertThat(third.getScore()).isEqualTo(69.0);
        assertThat(third.getBand()).isEqualTo(HealthBand.YELLOW);
        assertThat(third.getPreviousBand()).isEqualTo(HealthBand.GREEN);
        assertThat(third.getSourceEventId()).isEqualTo(failed.getEventId());
        assertThat(signals.readValuesToList()).singleElement().satisfies(signal -> {
            assertThat(signal.getType()).isEqualTo(ChurnSignalType.PAYMENT_FAILED);
            assertThat(signal.getSignalId())
                    .isEqualTo(ACC + "/subscription-events/" + failed.getEventId() + "/PAYMENT_FAILED");
        });
    }

    @ParameterizedTest(name = "usage {1} x impact {0} gives {3} {4}")
    @DisplayName("band boundaries on the exact score")
    @CsvSource({
        // cancelled (0) + no tickets (20) + no NPS (7) = 27, plus 0.4 x U
        "half,     65,   CANCELLED,            40.0,  RED",
        "fortieth, 1301, CANCELLED,            40.01, YELLOW",
        // active (30) + 20 + 7 = 57, plus 0.4 x U
        "half,     65,   SUBSCRIPTION_STARTED, 70.0,  YELLOW",
        "fortieth, 1301, SUBSCRIPTION_STARTED, 70.01, GREEN",
        "half,     215,  SUBSCRIPTION_STARTED, 100.0, GREEN",
        "fortieth, 4301, SUBSCRIPTION_STARTED, 100.01, THRIVING"
    })
    void bandBoundaries(String action, int count, SubscriptionEventType status, double score, HealthBand band) {
        fixture.pipe(Events.subscription(SubscriptionChange.valueOf(status.name()))
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.usage()
                .account(ACC)
                .action(action)
                .count(count)
                .at(hours(1))
                .avro());
        AccountHealth last = lastHealth();
        assertThat(last.getScore()).isEqualTo(score);
        assertThat(last.getBand()).isEqualTo(band);
    }

    @Test
    void duplicateEventIdIsCountedOnce() {
        activeProAccountWithWorkedExampleUsage();
        health.readValuesToList();
        SubscriptionEvent failed = Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account(ACC)
                .at(hours(5))
                .avro();
        fixture.pipe(failed);
        fixture.pipe(failed);
        assertThat(health.readValuesToList()).hasSize(1);
        assertThat(signals.readValuesToList()).hasSize(1);
        assertThat(fixture.listener().duplicates).containsExactly(Topics.SUBSCRIPTION_EVENTS);
    }

    @Test
    void olderSubscriptionEventDoesNotUndoANewerOne() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account(ACC)
                .at(hours(10))
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_SUCCEEDED)
                .account(ACC)
                .at(hours(5))
                .avro());

        assertThat(store().get(ACC).getBilling().name()).isEqualTo("PAST_DUE");
        assertThat(fixture.listener().late).containsExactly(Topics.SUBSCRIPTION_EVENTS);
    }

    @Test
    void usageOlderThanEveryWindowIsCountedLateAndChangesNothing() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(hours(24 * 40))
                .avro());
        health.readValuesToList();
        fixture.pipe(Events.usage()
                .account(ACC)
                .action("login")
                .count(100)
                .at(hours(24 * 5))
                .avro());

        assertThat(health.readValuesToList()).isEmpty();
        assertThat(fixture.listener().late).containsExactly(Topics.USAGE_EVENTS);
        assertThat(store().get(ACC).getUsage()).isEmpty();
    }

    @Test
    void outOfOrderUsageInsideTheWindowStillCounts() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(hours(48))
                .avro());
        fixture.pipe(Events.usage()
                .account(ACC)
                .action("login")
                .count(50)
                .at(hours(47))
                .avro());
        assertThat(lastHealth().getComponents().getUsage()).isEqualTo(50.0);
    }

    @Test
    @DisplayName("a silent account decays by wall-clock punctuation: usage leaves the window, INACTIVE fires once")
    void silentAccountDecaysAsStreamTimePassesTheMomentsItIsDue() {
        activeProAccountWithWorkedExampleUsage();
        health.readValuesToList();
        signals.readValuesToList();

        // Another account's event moves stream time 31 days on; acc-1 is re-evaluated at its own due moments.
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-2")
                .at(hours(24 * 31 + 3))
                .avro());

        List<AccountHealth> records = health.readValuesToList();
        AccountHealth decayed = records.stream()
                .filter(r -> r.getAccountId().equals(ACC))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(decayed.getComponents().getUsage()).isZero();
        assertThat(decayed.getScore()).isEqualTo(59.0);
        // The report export of hour 2 left the window at exactly 30 days.
        assertThat(decayed.getSourceEventId()).isEqualTo("time:" + hours(24 * 30 + 2));
        assertThat(decayed.getAsOf()).isEqualTo(hours(24 * 30 + 2));
        List<ChurnSignal> fired = signals.readValuesToList();
        assertThat(fired)
                .filteredOn(s -> s.getType() == ChurnSignalType.INACTIVE)
                .singleElement()
                .satisfies(s -> assertThat(s.getDetectedAt()).isEqualTo(hours(2 + 24 * 14)));

        fixture.pipe(Events.subscription(SubscriptionChange.RENEWED)
                .account("acc-2")
                .at(hours(24 * 33))
                .avro());
        assertThat(signals.readValuesToList())
                .extracting(ChurnSignal::getType)
                .doesNotContain(ChurnSignalType.INACTIVE);
    }

    @Test
    @DisplayName("the wall clock alone never re-evaluates an account: a catch-up raises no false alarm")
    void wallClockAloneChangesNothing() {
        activeProAccountWithWorkedExampleUsage();
        health.readValuesToList();
        signals.readValuesToList();

        fixture.advanceWallClock(Duration.ofDays(60));

        assertThat(health.readValuesToList()).isEmpty();
        assertThat(signals.readValuesToList()).isEmpty();
    }

    @Test
    @DisplayName("USAGE_DROP fires once when last week's usage falls below half of the week before")
    void usageDropFiresOncePerEpisodeOnStreamTime() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.usage()
                .account(ACC)
                .action("login")
                .count(40)
                .at(hours(24))
                .avro());
        // Another account's events move stream time on: acc-1 had 40 the week before, 0 since.
        fixture.pipe(Events.usage()
                .account("acc-2")
                .action("login")
                .count(1)
                .at(hours(24 * 9))
                .avro());
        fixture.pipe(Events.usage()
                .account("acc-2")
                .action("login")
                .count(1)
                .at(hours(24 * 10))
                .avro());

        assertThat(signals.readValuesToList())
                .filteredOn(s -> s.getAccountId().equals(ACC))
                .extracting(ChurnSignal::getType)
                .containsOnlyOnce(ChurnSignalType.USAGE_DROP);
    }

    @Test
    @DisplayName("ONBOARDING_STALLED fires for a trial without a new step for 7 days, and re-arms after progress")
    void onboardingStalledReArmsAfterProgress() {
        fixture.pipe(Events.subscription(SubscriptionChange.TRIAL_STARTED)
                .account(ACC)
                .at(T0)
                .mrrAfter(0)
                .avro());
        fixture.pipe(Events.usage()
                .account(ACC)
                .action("onboarding_step_completed")
                .count(1)
                .at(hours(1))
                .step("signup")
                .avro());
        fixture.pipe(Events.usage()
                .account("acc-2")
                .action("login")
                .count(1)
                .at(hours(24 * 8))
                .avro());
        List<ChurnSignal> first = signals.readValuesToList();
        assertThat(first)
                .filteredOn(s -> s.getType() == ChurnSignalType.ONBOARDING_STALLED)
                .singleElement()
                .satisfies(s -> assertThat(s.getReason()).contains("next step 'connect_api'"));

        fixture.pipe(Events.usage()
                .account(ACC)
                .action("onboarding_step_completed")
                .count(1)
                .at(hours(24 * 8 + 2))
                .step("connect_api")
                .avro());
        fixture.pipe(Events.usage()
                .account("acc-2")
                .action("login")
                .count(1)
                .at(hours(24 * 16 + 3))
                .avro());
        assertThat(signals.readValuesToList())
                .filteredOn(s -> s.getType() == ChurnSignalType.ONBOARDING_STALLED)
                .singleElement()
                .satisfies(s -> assertThat(s.getReason()).contains("next step 'first_report'"));
    }

    @Test
    void accountWithoutSubscriptionOrUsageIsNotScored() {
        fixture.pipe(Events.nps(3).account(ACC).user("user-1").at(T0).avro());
        fixture.pipe(Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.HIGH)
                .at(hours(1))
                .avro());
        assertThat(health.readValuesToList()).isEmpty();
        assertThat(store().get(ACC).getScorable()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"PLAN_DOWNGRADED, DOWNGRADE", "SEATS_REMOVED, SEATS_REDUCED", "ADDON_REMOVED, ADDON_CANCELLED"})
    void eachContractionKindRaisesAnAlert(SubscriptionEventType type, ContractionKind kind) {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        SubscriptionEvent contraction = Events.subscription(SubscriptionChange.valueOf(type.name()))
                .account(ACC)
                .at(hours(1))
                .mrrBefore(9900)
                .mrrAfter(7900)
                .addon(type == SubscriptionEventType.ADDON_REMOVED ? "sso" : null)
                .avro();
        fixture.pipe(contraction);

        assertThat(fixture.output(Topics.CONTRACTION_ALERTS, ContractionAlert.class)
                        .readValuesToList())
                .singleElement()
                .satisfies(alert -> {
                    assertThat(alert.getKind()).isEqualTo(kind);
                    assertThat(alert.getMrrDelta()).isEqualTo(-2000);
                    assertThat(alert.getAlertId())
                            .isEqualTo(ACC + "/subscription-events/" + contraction.getEventId() + "/" + kind);
                    assertThat(alert.getRecommendedAction()).startsWith("Contact the account now");
                });
        assertThat(lastHealth().getComponents().getBilling()).isEqualTo(85.0);
    }

    @Test
    void cancellationIsChurnNotContraction() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.CANCELLED)
                .account(ACC)
                .at(hours(1))
                .mrrAfter(0)
                .cancellationReason("COMPETITOR")
                .avro());

        assertThat(fixture.output(Topics.CONTRACTION_ALERTS, ContractionAlert.class)
                        .readValuesToList())
                .isEmpty();
        assertThat(signals.readValuesToList())
                .filteredOn(s -> s.getType() == ChurnSignalType.CANCELLED)
                .singleElement()
                .satisfies(s -> assertThat(s.getCancellationReason()).isEqualTo(CancellationReason.COMPETITOR));
    }

    @ParameterizedTest
    @CsvSource({
        "0, DETRACTOR, 24",
        "6, DETRACTOR, 24",
        "7, PASSIVE, 72",
        "8, PASSIVE, 72",
        "9, PROMOTER, 168",
        "10, PROMOTER, 168"
    })
    void eachNpsAnswerGetsItsFollowUp(int score, NpsCategory category, int hours) {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.nps(score).account(ACC).user("user-7").at(hours(1)).avro());

        assertThat(fixture.output(Topics.NPS_FOLLOWUPS, NpsFollowUp.class).readValuesToList())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.getCategory()).isEqualTo(category);
                    assertThat(f.getRespondWithinHours()).isEqualTo(hours);
                    assertThat(f.getUserId()).isEqualTo("user-7");
                });
        assertThat(signals.readValuesToList())
                .extracting(ChurnSignal::getType)
                .containsExactlyElementsOf(
                        category == NpsCategory.DETRACTOR ? List.of(ChurnSignalType.NPS_DETRACTOR) : List.of());
    }

    @Test
    void promoterAndUsageAbovePlanAreExpansionOpportunities() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.usage()
                .account(ACC)
                .action("login")
                .count(150)
                .at(hours(1))
                .avro());
        fixture.pipe(Events.nps(10).account(ACC).user("user-1").at(hours(2)).avro());

        assertThat(fixture.output(Topics.EXPANSION_OPPORTUNITIES, ExpansionOpportunity.class)
                        .readValuesToList())
                .extracting(ExpansionOpportunity::getReason)
                .containsExactly(
                        ExpansionReason.THRIVING_ENTERED, ExpansionReason.USAGE_ABOVE_PLAN, ExpansionReason.PROMOTER);
    }

    @Test
    void enteringRedRaisesOneSignalPerEpisode() {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account(ACC)
                .at(hours(1))
                .avro());
        fixture.pipe(Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(hours(2))
                .avro());
        fixture.pipe(Events.ticket("T-2")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(hours(3))
                .avro());

        assertThat(signals.readValuesToList())
                .extracting(ChurnSignal::getType)
                .containsOnlyOnce(ChurnSignalType.RED_BAND_ENTERED);
        assertThat(lastHealth().getBand()).isEqualTo(HealthBand.RED);
    }

    @Test
    void stateIsKeptPerAccountInTheNamedStore() {
        activeProAccountWithWorkedExampleUsage();
        StoredAccount stored = store().get(ACC);
        assertThat(stored.getPlan()).isEqualTo("pro");
        assertThat(stored.getLastScore()).isEqualTo(99.0);
        assertThat(stored.getNps())
                .singleElement()
                .satisfies(a -> assertThat(a.getScore()).isEqualTo(9));
    }

    @Test
    void ticketResolvedRestoresSupport() {
        activeProAccountWithWorkedExampleUsage();
        fixture.pipe(Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.OPENED)
                .priority(Priority.HIGH)
                .at(hours(4))
                .avro());
        fixture.pipe(Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.ESCALATED)
                .priority(Priority.HIGH)
                .at(hours(5))
                .avro());
        assertThat(lastHealth().getComponents().getSupport()).isEqualTo(70.0);
        fixture.pipe(Events.ticket("T-1")
                .account(ACC)
                .stage(TicketStage.RESOLVED)
                .priority(Priority.HIGH)
                .at(hours(6))
                .avro());
        assertThat(lastHealth().getComponents().getSupport()).isEqualTo(100.0);
    }

    @Test
    void modelSettingsChangeTheScore() {
        startWith(Map.of("model.weights.usage", "0.1", "model.weights.billing", "0.6"));
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(ACC)
                .at(T0)
                .avro());
        // 0.1 x 0 + 0.6 x 100 + 0.2 x 100 + 0.1 x 70
        assertThat(lastHealth().getScore()).isEqualTo(87.0);
    }

    @Test
    void usageEventsAreConsumedAndCounted() {
        fixture.pipe(Events.usage().account(ACC).action("login").count(1).at(T0).avro());
        UsageEvent second = Events.usage()
                .account(ACC)
                .action("login")
                .count(1)
                .at(hours(1))
                .avro();
        fixture.pipe(second);
        assertThat(fixture.listener().consumed).containsExactly(Topics.USAGE_EVENTS, Topics.USAGE_EVENTS);
        assertThat(fixture.listener().publishedTopics()).contains(Topics.ACCOUNT_HEALTH);
    }
}
