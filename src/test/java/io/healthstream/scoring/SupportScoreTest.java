package io.healthstream.scoring;

import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupportScoreTest {
    private static final ModelConfig DEFAULTS = ModelConfig.defaults();

    private static AccountState.TicketRecord ticketRecord(Priority priority, TicketStage stage, boolean escalated) {
        return new AccountState.TicketRecord(priority, stage, escalated, T0);
    }

    private static double support(AccountState state) {
        return SupportScore.compute(state, DEFAULTS).value();
    }

    @Test
    void noOpenTicketsIsHundred() {
        assertThat(support(AccountState.EMPTY)).isEqualTo(100.0);
    }

    @ParameterizedTest(name = "one open {0} ticket leaves {1}")
    @CsvSource({"LOW, 95", "NORMAL, 90", "HIGH, 80", "URGENT, 70"})
    void openTicketCostsItsPriorityPenalty(Priority priority, double expected) {
        AccountState state = AccountState.builder()
                .ticket("t-1", ticketRecord(priority, TicketStage.OPENED, false))
                .build();

        assertThat(support(state)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an escalated urgent ticket costs 30 + 10")
    void escalatedTicketCostsTenMore() {
        AccountState state = AccountState.builder()
                .ticket("t-1", ticketRecord(Priority.URGENT, TicketStage.ESCALATED, true))
                .build();

        assertThat(support(state)).isEqualTo(60.0);
    }

    @Test
    void penaltiesOfOpenTicketsAddUp() {
        AccountState state = AccountState.builder()
                .ticket("t-1", ticketRecord(Priority.LOW, TicketStage.OPENED, false))
                .ticket("t-2", ticketRecord(Priority.HIGH, TicketStage.REOPENED, false))
                .build();

        assertThat(support(state)).isEqualTo(75.0);
    }

    @Test
    void resolvedTicketsDoNotCount() {
        AccountState state = AccountState.builder()
                .ticket("t-1", ticketRecord(Priority.URGENT, TicketStage.RESOLVED, true))
                .build();

        assertThat(support(state)).isEqualTo(100.0);
    }

    @Test
    @DisplayName("four open urgent tickets (-120) floor at 0")
    void supportNeverGoesBelowZero() {
        AccountState.Builder restorer = AccountState.builder();
        for (int i = 1; i <= 4; i++) {
            restorer.ticket("t-" + i, ticketRecord(Priority.URGENT, TicketStage.OPENED, false));
        }

        assertThat(support(restorer.build())).isZero();
    }

    @Test
    void aFlooredSupportScoreSaysSo() {
        AccountState.Builder restorer = AccountState.builder();
        for (int i = 1; i <= 4; i++) {
            restorer.ticket("t-" + i, ticketRecord(Priority.URGENT, TicketStage.OPENED, false));
        }
        ComponentScore score = SupportScore.compute(restorer.build(), ModelConfig.defaults());

        assertThat(score.why()).isEqualTo("4 open urgent tickets (-120), floored at 0");
        assertThat(score.driver(0.2))
                .isEqualTo(new Driver("support", "4 open urgent tickets (-120), floored at 0: support 0", 0.0));
    }

    @Test
    void resolvedTicketStopsCostingThroughTheEngine() {
        AccountTimeline account = AccountTimeline.withDefaults();
        account.apply(ticket("t-1").priority(Priority.URGENT).at(T0).build());
        account.apply(ticket("t-1")
                .priority(Priority.URGENT)
                .stage(TicketStage.RESOLVED)
                .at(T0.plusSeconds(60))
                .build());

        assertThat(support(account.state)).isEqualTo(100.0);
    }

    @Test
    void reopenedTicketCountsAgain() {
        AccountTimeline account = AccountTimeline.withDefaults();
        account.apply(ticket("t-1").priority(Priority.URGENT).at(T0).build());
        account.apply(ticket("t-1")
                .priority(Priority.URGENT)
                .stage(TicketStage.RESOLVED)
                .at(T0.plusSeconds(60))
                .build());
        account.apply(ticket("t-1")
                .priority(Priority.URGENT)
                .stage(TicketStage.REOPENED)
                .at(T0.plusSeconds(120))
                .build());

        assertThat(support(account.state)).isEqualTo(70.0);
    }

    @Test
    void escalationOfAnOpenTicketAddsTheEscalationPenalty() {
        AccountTimeline account = AccountTimeline.withDefaults();
        account.apply(ticket("t-1").priority(Priority.HIGH).at(T0).build());
        account.apply(ticket("t-1")
                .priority(Priority.HIGH)
                .stage(TicketStage.ESCALATED)
                .at(T0.plusSeconds(60))
                .build());

        assertThat(support(account.state)).isEqualTo(70.0);
    }
}
