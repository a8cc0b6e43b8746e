package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiFormulasTest {
    private final List<String> notes = new ArrayList<>();

    @Test
    void onePercentMonthlyChurnGivesAHundredMonthLifetime() {
        assertThat(KpiFormulas.lifetimeMonths(1.0, 1, notes)).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void fivePercentChurnWithArpaHundredGivesLtvTwoThousand() {
        Double lifetime = KpiFormulas.lifetimeMonths(5.0, 1, notes);

        assertThat(KpiFormulas.ltv(100.0, lifetime, null, notes)).isCloseTo(2_000.0, within(1e-9));
    }

    @Test
    void tenPromotersFivePassivesFiveDetractorsGiveNpsTwentyFive() {
        assertThat(KpiFormulas.nps(10, 5, 5, notes)).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void churnRateIsChurnedOverAccountsAtStart() {
        assertThat(KpiFormulas.churnRatePct(3, 200, notes)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void nrrCountsExpansionContractionAndChurnAgainstStartingMrr() {
        assertThat(KpiFormulas.nrrPct(100_000, 30_000, 5_000, 3_000, notes)).isCloseTo(122.0, within(1e-9));
    }

    @Test
    void grrLeavesExpansionOut() {
        assertThat(KpiFormulas.grrPct(100_000, 5_000, 3_000, notes)).isCloseTo(92.0, within(1e-9));
    }

    @Test
    void negativeChurnNeedsExpansionAboveChurnedMrr() {
        assertThat(KpiFormulas.negativeChurn(5_001, 5_000)).isTrue();
        assertThat(KpiFormulas.negativeChurn(5_000, 5_000)).isFalse();
    }

    @Test
    void arpaIsMrrPerPayingAccount() {
        assertThat(KpiFormulas.arpa(250_000, 50, notes)).isCloseTo(5_000.0, within(1e-9));
    }

    @Test
    void ltvIsMultipliedByGrossMarginWhenSet() {
        assertThat(KpiFormulas.ltv(100.0, 20.0, 0.8, notes)).isCloseTo(1_600.0, within(1e-9));
    }

    @Test
    void quarterlyChurnGivesLifetimeInMonths() {
        assertThat(KpiFormulas.lifetimeMonths(10.0, 3, notes)).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void ltvToCacBelowThreeToOneIsFlagged() {
        Double ratio = KpiFormulas.ltvToCac(2_000.0, 1_000L, notes);

        assertThat(ratio).isCloseTo(2.0, within(1e-9));
        assertThat(KpiFormulas.belowLtvToCacTarget(ratio)).isTrue();
        assertThat(KpiFormulas.belowLtvToCacTarget(3.0)).isFalse();
    }

    @Test
    void ltvToCacIsAbsentWithoutConfiguredCac() {
        assertThat(KpiFormulas.ltvToCac(2_000.0, null, notes)).isNull();
        assertThat(KpiFormulas.belowLtvToCacTarget(null)).isNull();
        assertThat(notes).isEmpty();
    }

    @Test
    void trialToPaidIsConvertedOverEndedTrials() {
        assertThat(KpiFormulas.trialToPaidPct(3, 12, notes)).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void activationIsFullyOnboardedOverAccountsOnboarding() {
        assertThat(KpiFormulas.activationPct(4, 5, notes)).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void kFactorIsInvitesPerActiveUserTimesAcceptance() {
        // 40 invites from 20 users, 10 accepted: 2 x 0.25
        assertThat(KpiFormulas.kFactor(40, 10, 20, notes)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void sessionsPerDayIsLoginsPerActiveAccountPerDay() {
        assertThat(KpiFormulas.sessionsPerDay(600, 10, 30, notes)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void divisionByZeroGivesNullAndANoteNeverNanOrInfinity() {
        assertThat(KpiFormulas.churnRatePct(0, 0, notes)).isNull();
        assertThat(KpiFormulas.nrrPct(0, 10, 0, 0, notes)).isNull();
        assertThat(KpiFormulas.grrPct(0, 0, 0, notes)).isNull();
        assertThat(KpiFormulas.arpa(0, 0, notes)).isNull();
        assertThat(KpiFormulas.lifetimeMonths(0.0, 1, notes)).isNull();
        assertThat(KpiFormulas.nps(0, 0, 0, notes)).isNull();
        assertThat(KpiFormulas.trialToPaidPct(0, 0, notes)).isNull();
        assertThat(KpiFormulas.activationPct(0, 0, notes)).isNull();
        assertThat(KpiFormulas.kFactor(0, 0, 5, notes)).isNull();
        assertThat(KpiFormulas.sessionsPerDay(0, 0, 30, notes)).isNull();

        assertThat(notes)
                .hasSize(10)
                .contains(
                        "churn_rate_pct is null: no paying accounts at period start",
                        "lifetime_months is null: no churn in the period",
                        "k_factor is null: no invites sent in the period");
    }

    @Test
    void ltvIsNullWithANoteWhenThereIsNoChurn() {
        Double lifetime = KpiFormulas.lifetimeMonths(0.0, 1, notes);

        assertThat(KpiFormulas.ltv(100.0, lifetime, null, notes)).isNull();
        assertThat(notes).contains("ltv is null: lifetime_months is null");
    }
}
