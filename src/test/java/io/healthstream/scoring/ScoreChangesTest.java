package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** "What changed" rule by rule, with hand-worked component values. */
class ScoreChangesTest {
    private static final Components WORKED_EXAMPLE = new Components(100, 100, 100, 90);
    private static final Map<String, String> REASONS = Map.of(
            "usage", "usage value 80 of 100 expected for plan pro in 30 days",
            "billing", "billing past due",
            "support", "1 open urgent ticket (-30)",
            "nps", "mean NPS 9 of 1 answer");

    private static HealthAssessment assessed(Components components) {
        return new HealthAssessment(
                0, 0, Band.GREEN, components, List.of(), TouchModel.MID_TOUCH, "keep in touch", REASONS);
    }

    @Test
    @DisplayName("an urgent ticket: support 100 -> 70 is -30, credited to the ticket event")
    void componentMovedByTheEventsInputNamesTheEvent() {
        List<ScoreChange> changes = ScoreChanges.between(
                WORKED_EXAMPLE, assessed(new Components(100, 100, 70, 90)), EventSource.TICKET, "e-991");

        assertThat(changes)
                .containsExactly(new ScoreChange("support", -30.0, "1 open urgent ticket (-30) (event e-991)"));
    }

    @Test
    @DisplayName("usage 100 -> 87.5 while a ticket arrives: -12.5, moved by time, not by the ticket")
    void componentTheEventDoesNotFeedMovedByTime() {
        List<ScoreChange> changes = ScoreChanges.between(
                WORKED_EXAMPLE, assessed(new Components(87.5, 100, 70, 90)), EventSource.TICKET, "e-991");

        assertThat(changes)
                .containsExactly(
                        new ScoreChange("support", -30.0, "1 open urgent ticket (-30) (event e-991)"),
                        new ScoreChange(
                                "usage",
                                -12.5,
                                "usage value 80 of 100 expected for plan pro in 30 days (time passed)"));
    }

    @Test
    @DisplayName("a time re-evaluation credits every move to time")
    void timeCauseCreditsTime() {
        List<ScoreChange> changes =
                ScoreChanges.between(WORKED_EXAMPLE, assessed(new Components(100, 100, 100, 70)), null, null);

        assertThat(changes).containsExactly(new ScoreChange("nps", -20.0, "mean NPS 9 of 1 answer (time passed)"));
    }

    @Test
    @DisplayName("a subscription event moves billing, and usage through the plan's expected value")
    void subscriptionEventFeedsBillingAndUsage() {
        List<ScoreChange> changes = ScoreChanges.between(
                WORKED_EXAMPLE, assessed(new Components(50, 40, 100, 90)), EventSource.SUBSCRIPTION, "s-7");

        assertThat(changes)
                .containsExactly(
                        new ScoreChange("billing", -60.0, "billing past due (event s-7)"),
                        new ScoreChange(
                                "usage", -50.0, "usage value 80 of 100 expected for plan pro in 30 days (event s-7)"));
    }

    @Test
    @DisplayName("unchanged components and moves under half a hundredth are left out; a rise is positive")
    void onlyRealMovesAreListed() {
        List<ScoreChange> changes = ScoreChanges.between(
                WORKED_EXAMPLE, assessed(new Components(100.004, 100, 100, 95.25)), EventSource.NPS, "n-1");

        assertThat(changes).containsExactly(new ScoreChange("nps", 5.25, "mean NPS 9 of 1 answer (event n-1)"));
    }
}
