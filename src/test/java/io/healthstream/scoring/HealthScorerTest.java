package io.healthstream.scoring;

import static io.healthstream.testdata.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthScorerTest {
    private final HealthScorer scorer = new HealthScorer(ModelConfig.defaults());

    private static AccountState activeAccount(int logins, int npsScore) {
        return AccountState.builder()
                .subscription("pro", 5, 10_000, "USD", BillingStatus.ACTIVE, T0, null)
                .usage(new AccountState.UsageEntry(T0, "login", logins))
                .nps("u-1", new AccountState.NpsEntry(npsScore, T0))
                .build();
    }

    @Test
    @DisplayName("score = 0.40 U + 0.30 B + 0.20 S + 0.10 N")
    void scoreIsTheWeightedSumOfTheComponents() {
        AccountState state = AccountState.builder()
                .subscription("pro", 5, 10_000, "USD", BillingStatus.TRIAL, T0, T0)
                .usage(new AccountState.UsageEntry(T0, "login", 50))
                .ticket("t-1", new AccountState.TicketRecord(Priority.HIGH, TicketStage.OPENED, false, T0))
                .nps("u-1", new AccountState.NpsEntry(6, T0))
                .build();

        HealthAssessment assessment = scorer.assess(state, T0);

        // U 50, B 80, S 80, N 60: 20 + 24 + 16 + 6
        assertThat(assessment.components()).isEqualTo(new Components(50, 80, 80, 60));
        assertThat(assessment.score()).isEqualTo(66.0);
        assertThat(assessment.band()).isEqualTo(Band.YELLOW);
    }

    @Test
    @DisplayName("with U at 100 and every other component at its maximum the score is exactly 100: GREEN")
    void maximalComponentsWithUsageAtExpectedScoreExactlyHundred() {
        HealthAssessment assessment = scorer.assess(activeAccount(100, 10), T0);

        assertThat(assessment.exactScore()).isEqualTo(100.0);
        assertThat(assessment.band()).isEqualTo(Band.GREEN);
    }

    @Test
    @DisplayName("a score above 100 needs U above 100: 101 logins give 100.4, THRIVING")
    void usageAboveExpectedIsTheOnlyWayAboveHundred() {
        HealthAssessment assessment = scorer.assess(activeAccount(101, 10), T0);

        assertThat(assessment.components().usage()).isEqualTo(101.0);
        assertThat(assessment.score()).isEqualTo(100.4);
        assertThat(assessment.band()).isEqualTo(Band.THRIVING);
    }

    @ParameterizedTest(name = "{0} logins, billing {1}, NPS {2}: {3} {4}")
    @DisplayName("band boundaries on real scores: each login is worth 0.4 points")
    @CsvSource({
        "10,  PAST_DUE, 10, 40,    RED",
        "11,  PAST_DUE, 10, 40.4,  YELLOW",
        "25,  ACTIVE,   10, 70,    YELLOW",
        "26,  ACTIVE,   10, 70.4,  GREEN",
        "100, ACTIVE,   10, 100,   GREEN",
        "101, ACTIVE,   10, 100.4, THRIVING"
    })
    void bandBoundariesOnComputedScores(int logins, BillingStatus billing, int npsScore, double score, Band band) {
        AccountState state = AccountState.builder()
                .subscription("pro", 5, 10_000, "USD", billing, T0, null)
                .usage(new AccountState.UsageEntry(T0, "login", logins))
                .nps("u-1", new AccountState.NpsEntry(npsScore, T0))
                .build();

        HealthAssessment assessment = scorer.assess(state, T0);

        assertThat(assessment.score()).isEqualTo(score);
        assertThat(assessment.band()).isEqualTo(band);
    }

    @Test
    void scoreIsRoundedToTwoDecimalsButTheBandUsesTheExactScore() {
        // expected 300 for "pro": 1 login is U = 0.333..., contributing 0.1333... points
        ModelConfig config = Models.with(Map.of("usage.expected.plan.pro", "300"));
        AccountState state = activeAccount(1, 10);

        HealthAssessment assessment = new HealthScorer(config).assess(state, T0);

        assertThat(assessment.exactScore()).isCloseTo(60.1333333, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(assessment.score()).isEqualTo(60.13);
        assertThat(assessment.components().usage()).isEqualTo(0.33);
    }

    @Test
    @DisplayName("drivers are each component's weighted points, largest first: 30 + 20 + 12 + 7 = 69")
    void driversAreTheWeightedPointsOfEachComponent() {
        AccountState state = AccountState.builder()
                .subscription("pro", 5, 10_000, "USD", BillingStatus.ACTIVE, T0, null)
                .usage(new AccountState.UsageEntry(T0, "login", 50))
                .ticket("t-1", new AccountState.TicketRecord(Priority.URGENT, TicketStage.OPENED, false, T0))
                .ticket("t-2", new AccountState.TicketRecord(Priority.URGENT, TicketStage.OPENED, false, T0))
                .build();

        HealthAssessment assessment = scorer.assess(state, T0);

        // U 50, B 100, S 40, N no data 70: 20 + 30 + 8 + 7
        assertThat(assessment.score()).isEqualTo(65.0);
        assertThat(assessment.drivers())
                .containsExactly(
                        new Driver("billing", "billing active: billing 100", 30.0),
                        new Driver("usage", "usage value 50 of 100 expected for plan pro in 30 days: usage 50", 20.0),
                        new Driver("support", "2 open urgent tickets (-60): support 40", 8.0),
                        new Driver("nps", "no NPS answer in 90 days: nps 70", 7.0));
        assertThat(assessment.drivers().stream().mapToDouble(Driver::points).sum())
                .isEqualTo(assessment.score());
    }

    @Test
    @DisplayName("a component worth 0 points takes no driver slot: a cancelled, unused account has two drivers")
    void zeroPointComponentsAreNotDrivers() {
        AccountState state = AccountState.builder()
                .subscription("pro", 5, 0, "USD", BillingStatus.CANCELLED, T0, null)
                .build();

        assertThat(scorer.assess(state, T0).drivers())
                .extracting(Driver::component)
                .containsExactly("support", "nps");
    }

    @Test
    void recommendedActionFollowsTheBand() {
        AccountState state = AccountState.builder()
                .subscription("pro", 5, 10_000, "USD", BillingStatus.CANCELLED, T0, null)
                .build();

        HealthAssessment assessment = scorer.assess(state, T0);

        // U 0, B 0, S 100, N no data 70: 20 + 7
        assertThat(assessment.score()).isEqualTo(27.0);
        assertThat(assessment.band()).isEqualTo(Band.RED);
        assertThat(assessment.recommendedAction()).startsWith("Alert the CSM for an account review");
    }
}
