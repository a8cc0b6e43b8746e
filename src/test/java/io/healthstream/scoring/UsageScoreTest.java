package io.healthstream.scoring;

import static io.healthstream.testdata.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageScoreTest {
    private static final ModelConfig WORKED_EXAMPLE = Models.with(Map.of(
            "usage.expected.plan.pro", "100",
            "usage.impact.report_exported", "5"));

    private static AccountState.Builder account(String plan) {
        return AccountState.builder().subscription(plan, 5, 10_000, "USD", BillingStatus.ACTIVE, T0, null);
    }

    private static AccountState.UsageEntry used(Instant at, String action, int count) {
        return new AccountState.UsageEntry(at, action, count);
    }

    private static double usage(AccountState state, Instant now, ModelConfig config) {
        return UsageScore.compute(state, UsageValues.of(state.usage(), now, config.usage()), config)
                .value();
    }

    @Test
    @DisplayName("50 logins at impact 1 plus 10 exports at impact 5 are value 100: U = 100 of the pro plan's 100")
    void valueIsImpactTimesCountOverActions() {
        AccountState state = account("pro")
                .usage(used(T0, "login", 50))
                .usage(used(T0, "report_exported", 10))
                .build();

        assertThat(usage(state, T0, WORKED_EXAMPLE)).isEqualTo(100.0);
    }

    @Test
    void actionWithoutConfiguredImpactUsesTheDefaultImpact() {
        AccountState state =
                account("pro").usage(used(T0, "dashboard_viewed", 30)).build();

        assertThat(usage(state, T0, WORKED_EXAMPLE)).isEqualTo(30.0);
        assertThat(usage(state, T0, Models.with(Map.of("usage.impact.default", "2"))))
                .isEqualTo(60.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"invite_sent", "invite_accepted", "onboarding_step_completed"})
    void growthAndOnboardingActionsCountLikeAnyOtherAction(String action) {
        AccountState state = account("pro").usage(used(T0, action, 7)).build();

        assertThat(usage(state, T0, ModelConfig.defaults())).isEqualTo(7.0);
    }

    @Test
    void eventExactlyThirtyDaysOldNoLongerCounts() {
        AccountState state = account("pro").usage(used(T0, "login", 50)).build();

        assertThat(usage(state, T0.plus(Duration.ofDays(30)), ModelConfig.defaults()))
                .isZero();
    }

    @Test
    void eventTwentyNineDaysOldStillCounts() {
        AccountState state = account("pro").usage(used(T0, "login", 50)).build();

        assertThat(usage(state, T0.plus(Duration.ofDays(29)), ModelConfig.defaults()))
                .isEqualTo(50.0);
    }

    @Test
    void configuredWindowDecidesWhatCounts() {
        ModelConfig sevenDays = Models.with(Map.of("usage.window.days", "7"));
        AccountState state = account("pro").usage(used(T0, "login", 50)).build();

        assertThat(usage(state, T0.plus(Duration.ofDays(6)), sevenDays)).isEqualTo(50.0);
        assertThat(usage(state, T0.plus(Duration.ofDays(7)), sevenDays)).isZero();
    }

    @Test
    void expectedValueComesFromThePlan() {
        ModelConfig config = Models.with(Map.of("usage.expected.plan.enterprise", "400"));
        AccountState state = account("enterprise").usage(used(T0, "login", 100)).build();

        assertThat(usage(state, T0, config)).isEqualTo(25.0);
    }

    @Test
    void planWithoutConfiguredExpectationUsesTheDefaultExpectedValue() {
        ModelConfig config = Models.with(Map.of("usage.expected.plan.enterprise", "400"));
        AccountState state = account("starter").usage(used(T0, "login", 100)).build();

        assertThat(usage(state, T0, config)).isEqualTo(100.0);
    }

    @Test
    void accountWithoutPlanUsesTheDefaultExpectedValue() {
        AccountState state = AccountState.builder().usage(used(T0, "login", 40)).build();

        assertThat(usage(state, T0, Models.with(Map.of("usage.expected.default", "80"))))
                .isEqualTo(50.0);
    }

    @Test
    @DisplayName("U is capped at 200: 500 logins against 100 expected give 200, not 500")
    void usageIsCappedAtTwoHundred() {
        AccountState state = account("pro").usage(used(T0, "login", 500)).build();

        assertThat(usage(state, T0, ModelConfig.defaults())).isEqualTo(200.0);
    }

    @Test
    void usageBetweenHundredAndCapIsNotCapped() {
        AccountState state = account("pro").usage(used(T0, "login", 150)).build();

        assertThat(usage(state, T0, ModelConfig.defaults())).isEqualTo(150.0);
    }

    @Test
    void noUsageIsZero() {
        assertThat(usage(account("pro").build(), T0, ModelConfig.defaults())).isZero();
    }
}
