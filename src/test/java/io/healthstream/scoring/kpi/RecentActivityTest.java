package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.TicketStage;
import io.healthstream.scoring.TicketUpdate;
import io.healthstream.scoring.UsageActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentActivityTest {
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T09:00:00Z");
    private static final Instant MARCH_31 = Instant.parse("2026-03-31T23:00:00Z");
    private static final Instant APRIL_1 = Instant.parse("2026-04-01T01:00:00Z");
    private static final KpiConfig CONFIG = KpiConfig.defaults(List.of("signup"));

    /** Counts {@code events} in order, each at its own time, and returns the facts of the last one. */
    private static PeriodFacts lastFacts(AccountEvent... events) {
        RecentActivity memory = RecentActivity.NONE;
        PeriodFacts facts = null;
        for (AccountEvent event : events) {
            RecentActivity.Counted counted = memory.count(event, false, CONFIG, event.occurredAt());
            memory = counted.memory();
            facts = counted.facts();
        }
        return facts;
    }

    private static UsageActivity login(String id, String user, Instant at) {
        return new UsageActivity(id, at, user, "login", 2, null);
    }

    @Test
    void firstUsageOfAnAccountAndOfAUserInThePeriodCountsThemActive() {
        assertThat(lastFacts(login("u-1", "ann", MARCH_10)))
                .extracting(PeriodFacts::activeAccounts, PeriodFacts::activeUsers, PeriodFacts::logins)
                .containsExactly(1L, 1L, 2L);
        assertThat(lastFacts(login("u-1", "ann", MARCH_10), login("u-2", "bob", MARCH_10)))
                .extracting(PeriodFacts::activeAccounts, PeriodFacts::activeUsers)
                .containsExactly(0L, 1L);
        assertThat(lastFacts(login("u-1", "ann", MARCH_10), login("u-2", "ann", MARCH_10)))
                .extracting(PeriodFacts::activeAccounts, PeriodFacts::activeUsers)
                .containsExactly(0L, 0L);
    }

    @Test
    void lateUsageOfThePreviousPeriodIsStillItsFirstThere() {
        PeriodFacts late = lastFacts(login("u-1", "ann", APRIL_1), login("u-2", "ann", MARCH_31));

        assertThat(late.activeAccounts()).isOne();
        assertThat(late.activeUsers()).isOne();
    }

    @Test
    void newerNpsAnswerOfAUserMovesThemBetweenGroupsAndAnOlderOneChangesNothing() {
        NpsAnswer promoter = new NpsAnswer("n-1", MARCH_10, "ann", 10);
        NpsAnswer detractor = new NpsAnswer("n-2", MARCH_10.plusSeconds(60), "ann", 3);

        assertThat(lastFacts(promoter, detractor))
                .extracting(PeriodFacts::npsPromoters, PeriodFacts::npsDetractors)
                .containsExactly(-1L, 1L);
        assertThat(lastFacts(detractor, promoter))
                .extracting(PeriodFacts::npsPromoters, PeriodFacts::npsDetractors)
                .containsExactly(0L, 0L);
    }

    @Test
    void onboardingStartsAndCompletesOncePerPeriod() {
        UsageActivity step = new UsageActivity("u-1", MARCH_10, "ann", "onboarding_step_completed", 1, "signup");
        RecentActivity.Counted first = RecentActivity.NONE.count(step, true, CONFIG, MARCH_10);
        RecentActivity.Counted again = first.memory().count(step, true, CONFIG, MARCH_10);

        assertThat(first.facts())
                .extracting(PeriodFacts::onboardingStarted, PeriodFacts::onboardingCompleted)
                .containsExactly(1L, 1L);
        assertThat(again.facts())
                .extracting(PeriodFacts::onboardingStarted, PeriodFacts::onboardingCompleted)
                .containsExactly(0L, 0L);
    }

    @Test
    void subscriptionEventsCarryTheirReasonAndTicketsNoPeriodFacts() {
        SubscriptionUpdate cancelled = new SubscriptionUpdate(
                "s-1", MARCH_10, SubscriptionChange.CANCELLED, "pro", 1, 0, 0, "USD", null, "PRICE", null);
        TicketUpdate ticket = new TicketUpdate("t-1", MARCH_10, "tk-1", TicketStage.OPENED, Priority.LOW);

        assertThat(lastFacts(cancelled)).isEqualTo(PeriodFacts.billingOnly("PRICE"));
        assertThat(lastFacts(ticket)).isNull();
    }

    @Test
    void periodsPastTheirGraceAreForgottenSoTheMemoryStaysBounded() {
        RecentActivity memory = RecentActivity.NONE;
        for (int day = 0; day < 120; day++) {
            Instant at = MARCH_10.plus(Duration.ofDays(day));
            memory = memory.count(login("u-" + day, "ann", at), false, CONFIG, at)
                    .memory();
        }

        assertThat(memory.periods()).hasSizeLessThanOrEqualTo(2);
    }
}
