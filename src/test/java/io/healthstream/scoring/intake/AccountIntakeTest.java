package io.healthstream.scoring.intake;

import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.nps;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.SignalType;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.testdata.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The intake's rules, one per test: duplicates, lateness, re-evaluations at due moments, KPI lateness. */
class AccountIntakeTest {
    private static final ModelConfig MODEL = Models.with(Map.of("usage.expected.plan.pro", "100"));
    private static final KpiConfig KPIS = KpiConfig.defaults(MODEL.onboardingSteps());

    private final AccountIntake intake = new AccountIntake(MODEL, KPIS);
    private AccountMemory memory = AccountMemory.NEW;

    private static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    private Step apply(AccountEvent event) {
        Instant kpiClock = memory.lastEventAt() == null || event.occurredAt().isAfter(memory.lastEventAt())
                ? event.occurredAt()
                : memory.lastEventAt();
        Step step = intake.onEvent(memory, event, kpiClock, null);
        memory = step.memory();
        return step;
    }

    private static double usageComponent(Step step) {
        return step.decisions().stream()
                .map(Decision::outcome)
                .filter(Outcome.HealthUpdate.class::isInstance)
                .map(o -> ((Outcome.HealthUpdate) o).assessment().components().usage())
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    @DisplayName("a login delivered twice, the second copy 20 days later, adds its impact once")
    void lateDuplicateWithinTheUsageWindowIsCountedOnce() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(usage().id("login-1").count(40).at(day(1)).build());
        apply(usage().id("other").count(10).at(day(20)).build());

        Step second = apply(usage().id("login-1").count(40).at(day(1)).build());

        assertThat(second.disposition()).isEqualTo(Step.Disposition.DUPLICATE);
        assertThat(second.decisions()).isEmpty();
        assertThat(memory.health().usage()).hasSize(2);
    }

    @Test
    @DisplayName("an NPS answer redelivered 80 days later is still a duplicate: the NPS window is 90 days")
    void duplicateIsRecognisedForAsLongAsItsSourcesHorizon() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(nps(3).id("answer-1").user("ann").at(day(1)).build());
        apply(usage().count(1).at(day(81)).build());

        assertThat(apply(nps(3).id("answer-1").user("ann").at(day(1)).build()).disposition())
                .isEqualTo(Step.Disposition.DUPLICATE);
    }

    @Test
    @DisplayName("the same event id from two inputs is two events: ids are unique per source only")
    void eventIdsAreUniquePerSource() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("e-1")
                .plan("pro")
                .at(T0)
                .build());

        Step usage = apply(usage().id("e-1").count(50).at(day(1)).build());

        assertThat(usage.disposition()).isEqualTo(Step.Disposition.APPLIED);
        assertThat(usageComponent(usage)).isEqualTo(50.0);
    }

    @Test
    @DisplayName(
            "horizons come from the model's windows: usage and billing one month plus grace, NPS 90 days, tickets 30")
    void horizonsAreTheLongestWindowAnEventCanStillChange() {
        EventHorizons horizons = intake.horizons();

        assertThat(horizons.of(EventSource.USAGE)).isEqualTo(Duration.ofDays(33));
        assertThat(horizons.of(EventSource.SUBSCRIPTION)).isEqualTo(Duration.ofDays(33));
        assertThat(horizons.of(EventSource.NPS)).isEqualTo(Duration.ofDays(90));
        assertThat(horizons.of(EventSource.TICKET)).isEqualTo(Duration.ofDays(30));
        assertThat(new EventHorizons(Models.with(Map.of("usage.window.days", "45")), KPIS).of(EventSource.USAGE))
                .isEqualTo(Duration.ofDays(45));
    }

    @Test
    @DisplayName(
            "a usage event more than its horizon older than the account's newest event is late and changes nothing")
    void eventOlderThanItsHorizonIsLate() {
        apply(usage().count(10).at(day(40)).build());

        Step old =
                apply(usage().count(50).at(day(40).minus(Duration.ofDays(33))).build());

        assertThat(old.disposition()).isEqualTo(Step.Disposition.LATE);
        assertThat(old.changed()).isFalse();
    }

    @Test
    @DisplayName("ids are forgotten only with their day, once every event of that day would be late")
    void seenIdsExpireWithTheirSourcesHorizon() {
        apply(usage().id("early").count(1).at(day(0.5)).build());
        apply(usage().count(1).at(day(33.9)).build());
        assertThat(memory.seen().contains(EventSource.USAGE, "early")).isTrue();

        apply(usage().count(1).at(day(34)).build());

        assertThat(memory.seen().contains(EventSource.USAGE, "early")).isFalse();
    }

    @Test
    @DisplayName(
            "time alone re-evaluates an account at the moment a rule says: INACTIVE exactly 14 days after the last use")
    void reEvaluationRunsAtTheDueMoment() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(usage().count(50).at(day(1)).build());

        Step silence = intake.onTime(memory, intake.nextDue(memory).orElseThrow(), day(20), day(20));

        assertThat(silence.decisions())
                .filteredOn(d -> d.outcome() instanceof Outcome.ChurnAlert alert && alert.type() == SignalType.INACTIVE)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.asOf()).isEqualTo(day(15));
                    assertThat(d.byTime()).isTrue();
                });
    }

    @Test
    @DisplayName("an event after a silence first runs the re-evaluations due before it, at their own moments")
    void eventRunsTheReEvaluationsDueBeforeIt() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(usage().count(50).at(day(1)).build());

        Step back = apply(usage().count(50).at(day(20)).build());

        assertThat(back.decisions())
                .extracting(Decision::outcome)
                .filteredOn(Outcome.ChurnAlert.class::isInstance)
                .extracting(o -> ((Outcome.ChurnAlert) o).type())
                .contains(SignalType.INACTIVE);
        assertThat(back.decisions().get(0).asOf()).isBefore(day(20));
        assertThat(back.decisions().get(back.decisions().size() - 1).asOf()).isEqualTo(day(20));
    }

    @Test
    @DisplayName("a re-evaluation that changes nothing is neither stored nor remembered: the next one starts past it")
    void reEvaluationThatChangesNothingIsNotStored() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        apply(usage().count(1).at(day(1)).build());
        apply(usage().count(1).at(day(2)).build());
        Instant firstDue = intake.nextDue(memory).orElseThrow();

        Step quiet = intake.onTime(memory, firstDue, firstDue.plusMillis(1), firstDue);

        assertThat(quiet.changed()).isFalse();
        assertThat(quiet.memory()).isEqualTo(memory);
        assertThat(quiet.nextDue()).isPresent().get().matches(next -> next.isAfter(firstDue));
    }

    @Test
    @DisplayName("activity of a KPI period that closed is not sent; a billing move is, booked in the open period")
    void kpiContributionOfAClosedPeriod() {
        Instant april5 = Instant.parse("2026-04-05T00:00:00Z");
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .mrr(9_900)
                .at(day(1))
                .build());

        Step login =
                intake.onEvent(memory, usage().user("ann").count(1).at(day(20)).build(), april5, null);
        assertThat(login.kpiLate()).isTrue();
        assertThat(login.kpis()).isEmpty();

        Step cancel = intake.onEvent(
                memory,
                subscription(SubscriptionChange.CANCELLED)
                        .mrr(9_900, 0)
                        .at(day(25))
                        .build(),
                april5,
                null);
        assertThat(cancel.kpiLate()).isFalse();
        assertThat(cancel.kpis())
                .singleElement()
                .extracting(AccountTransition::at)
                .isEqualTo(april5);
    }

    @Test
    void accountEventsAreKeptInTheirOrderOfDecision() {
        apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .plan("pro")
                .at(T0)
                .build());
        Step step = apply(nps(3).user("ann").at(day(1)).build());

        assertThat(step.decisions())
                .extracting(d -> d.outcome().getClass().getSimpleName())
                .containsExactly("HealthUpdate", "NpsFeedback", "ChurnAlert");
        assertThat(step.decisions()).allSatisfy(d -> {
            assertThat(d.source()).isEqualTo(EventSource.NPS);
            assertThat(d.asOf()).isEqualTo(day(1));
        });
    }
}
