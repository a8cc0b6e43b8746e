package io.healthstream.scoring;

import static io.healthstream.testdata.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingScoreTest {
    private static final ModelConfig DEFAULTS = ModelConfig.defaults();

    private static AccountState.Builder account(BillingStatus status) {
        return AccountState.builder().subscription("pro", 5, 10_000, "USD", status, T0, null);
    }

    private static double billing(AccountState state, Instant now) {
        return BillingScore.compute(state, now, DEFAULTS).value();
    }

    @ParameterizedTest(name = "{0} scores {1}")
    @CsvSource({"ACTIVE, 100", "TRIAL, 80", "PAST_DUE, 20", "CANCELLED, 0"})
    void billingStatusSetsTheBillingScore(BillingStatus status, double expected) {
        assertThat(billing(account(status).build(), T0)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an account whose billing is not known yet is scored as active (code's choice)")
    void unknownBillingStatusScoresAsActive() {
        assertThat(billing(account(BillingStatus.NONE).build(), T0)).isEqualTo(100.0);
    }

    @Test
    void eachContractionInTheWindowCostsFifteen() {
        AccountState state = account(BillingStatus.ACTIVE)
                .contraction(T0.minus(Duration.ofDays(10)))
                .contraction(T0.minus(Duration.ofDays(2)))
                .build();

        assertThat(billing(state, T0)).isEqualTo(70.0);
    }

    @Test
    void contractionExactlyThirtyDaysOldNoLongerCosts() {
        AccountState state = account(BillingStatus.ACTIVE)
                .contraction(T0.minus(Duration.ofDays(30)))
                .build();

        assertThat(billing(state, T0)).isEqualTo(100.0);
    }

    @Test
    void contractionTwentyNineDaysOldStillCosts() {
        AccountState state = account(BillingStatus.ACTIVE)
                .contraction(T0.minus(Duration.ofDays(29)))
                .build();

        assertThat(billing(state, T0)).isEqualTo(85.0);
    }

    @Test
    @DisplayName("past due (20) with two contractions (-30) floors at 0")
    void billingNeverGoesBelowZero() {
        AccountState state = account(BillingStatus.PAST_DUE)
                .contraction(T0.minus(Duration.ofDays(1)))
                .contraction(T0.minus(Duration.ofDays(2)))
                .build();

        assertThat(billing(state, T0)).isZero();
    }
}
