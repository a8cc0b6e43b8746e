package io.healthstream.scoring.kpi;

import static io.healthstream.scoring.kpi.RevenueFixtures.paying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.TouchModel;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The revenue rules of a period's figures, worked by hand: churn by cause, reconciliation, LTV:CRC. */
class RevenueDepthTest {
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T09:00:00Z");
    private static final KpiPeriod.Period MARCH = KpiPeriod.MONTH.of(MARCH_10);
    private static final RetentionCosts CRC = new RetentionCosts(500L, 2_500L, 15_000L);

    private static AccountSnapshot none() {
        return new AccountSnapshot("USD", BillingStatus.NONE, 0, null, false, false, null, null, 0, null);
    }

    private static PeriodTally tally(AccountTransition... transitions) {
        PeriodTally tally = PeriodTally.empty(MARCH, "USD");
        for (AccountTransition t : transitions) {
            tally = tally.plus(t);
        }
        return tally;
    }

    private static AccountTransition move(AccountSnapshot before, AccountSnapshot after, String reason) {
        return new AccountTransition(MARCH_10, before, after, PeriodFacts.billingOnly(reason));
    }

    /** Two LOW_TOUCH accounts of 4 000 and one MID_TOUCH account of 20 000 start paying in March. */
    private static PeriodTally threeNewAccounts() {
        return tally(
                move(none(), paying(4_000, TouchModel.LOW_TOUCH), null),
                move(none(), paying(4_000, TouchModel.LOW_TOUCH), null),
                move(none(), paying(20_000, TouchModel.MID_TOUCH), null));
    }

    @Test
    @DisplayName(
            "one cancellation of 3 000 and one delinquency of 7 000: 2 churned, 1 and 1, 10 000 split 3 000 / 7 000")
    void churnIsSplitIntoVoluntaryAndInvoluntary() {
        AccountSnapshot pastDue =
                new AccountSnapshot("USD", BillingStatus.PAST_DUE, 7_000, null, false, false, null, null, 0, null);
        AccountSnapshot delinquent =
                new AccountSnapshot("USD", BillingStatus.PAST_DUE, 7_000, null, false, true, null, null, 0, null);
        PeriodTally tally = tally(
                move(paying(3_000, null), new AccountSnapshot("USD", BillingStatus.CANCELLED, 0, null, false), "PRICE"),
                move(pastDue, delinquent, PeriodTally.DELINQUENT));

        PortfolioFigures march = PortfolioFigures.of(
                tally,
                new Levels(2, 10_000, TierCounts.ZERO, Map.of()),
                RevenueFixtures.config(KpiPeriod.MONTH, null, RetentionCosts.NONE),
                false,
                MARCH_10);

        assertThat(march.accountsChurned()).isEqualTo(2);
        assertThat(march.accountsChurnedVoluntary()).isOne();
        assertThat(march.revenue().accountsChurnedInvoluntary()).isOne();
        assertThat(march.mrrChurned()).isEqualTo(10_000);
        assertThat(march.mrrChurnedVoluntary()).isEqualTo(3_000);
        assertThat(march.revenue().mrrChurnedInvoluntary()).isEqualTo(7_000);
        assertThat(march.churnedByReason()).isEqualTo(Map.of("PRICE", 1L, "DELINQUENT", 1L));
        // 10 000 - 10 000 churned = 0, and the paying MRR measured account by account fell by 10 000 too.
        assertThat(march.end().mrr()).isZero();
        assertThat(march.revenue().movementsReconcile()).isTrue();
    }

    @Test
    @DisplayName(
            "the five movements reconcile: 10 000 + new 8 000 + expansion 2 000 - contraction 1 000 - churn 3 000 + reactivation 5 000 = 21 000")
    void fiveMovementsReconcileWithTheMeasuredEnd() {
        PeriodTally tally = tally(
                move(none(), paying(8_000, null), null),
                move(paying(4_000, null), paying(6_000, null), null),
                move(paying(3_000, null), paying(2_000, null), null),
                move(paying(3_000, null), new AccountSnapshot("USD", BillingStatus.CANCELLED, 0, null, false), null),
                move(new AccountSnapshot("USD", BillingStatus.CANCELLED, 0, null, false), paying(5_000, null), null));

        PortfolioFigures march = PortfolioFigures.of(
                tally,
                new Levels(3, 10_000, TierCounts.ZERO, Map.of()),
                RevenueFixtures.config(KpiPeriod.MONTH, null, RetentionCosts.NONE),
                true,
                MARCH_10);

        assertThat(march.mrrNew()).isEqualTo(8_000);
        assertThat(march.mrrExpansion()).isEqualTo(2_000);
        assertThat(march.mrrContraction()).isEqualTo(1_000);
        assertThat(march.mrrChurned()).isEqualTo(3_000);
        assertThat(march.mrrReactivation()).isEqualTo(5_000);
        assertThat(march.end().mrr()).isEqualTo(21_000);
        assertThat(march.revenue().movementsReconcile()).isTrue();
        assertThat(march.notes()).noneMatch(note -> note.startsWith("movements_reconcile"));
    }

    @Test
    @DisplayName(
            "movements that explain 500 less than the measured change: flagged false with a note, mrr_end stays the measured 10 500")
    void unexplainedMovementIsFlaggedNotHidden() {
        PeriodTally counted = tally(move(paying(10_000, null), paying(10_500, null), null));
        // A tally whose movements miss the 500 of expansion, as a defect in classifying a move would leave it.
        PeriodTally defective = new PeriodTally(
                counted.period(),
                counted.currency(),
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                counted.mrrNet(),
                TierCounts.ZERO,
                Map.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                Map.of());

        PortfolioFigures march = PortfolioFigures.of(
                defective,
                new Levels(1, 10_000, TierCounts.ZERO, Map.of()),
                RevenueFixtures.config(KpiPeriod.MONTH, null, RetentionCosts.NONE),
                false,
                MARCH_10);

        assertThat(march.revenue().movementsReconcile()).isFalse();
        assertThat(march.end().mrr()).isEqualTo(10_500);
        assertThat(march.notes())
                .contains("movements_reconcile is false: mrr_start 10000 + movements 0 != mrr_end 10500");
    }

    @Test
    @DisplayName(
            "LTV:CRC: 28 000 MRR over 3 accounts, retention 500 + 500 + 2 500 = 3 500 a month: 1 166.67 per account, ratio 8")
    void ltvToCrcIsMarginedArpaOverRetentionCostPerAccount() {
        PortfolioFigures march = PortfolioFigures.of(
                threeNewAccounts(), Levels.ZERO, RevenueFixtures.config(KpiPeriod.MONTH, null, CRC), false, MARCH_10);

        // ARPA 28 000 / 3 = 9 333.33; 9 333.33 / 1 166.67 = 28 000 / 3 500 = 8.
        assertThat(march.revenue().retentionCostPerAccount()).isCloseTo(3_500 / 3.0, offset(1e-9));
        assertThat(march.revenue().ltvToCrc()).isCloseTo(8.0, offset(1e-9));
        assertThat(march.revenue().ltvToCrcTooLow()).isFalse();
    }

    @Test
    @DisplayName("LTV:CRC with a gross margin of 0.25: 8 x 0.25 = 2, which is 2:1 or lower: too much retention spend")
    void ltvToCrcOfTwoFlagsTooMuchRetentionSpend() {
        PortfolioFigures march = PortfolioFigures.of(
                threeNewAccounts(), Levels.ZERO, RevenueFixtures.config(KpiPeriod.MONTH, 0.25, CRC), false, MARCH_10);

        assertThat(march.revenue().ltvToCrc()).isCloseTo(2.0, offset(1e-9));
        assertThat(march.revenue().ltvToCrcTooLow()).isTrue();
    }

    @Test
    @DisplayName("no kpis.crc key set: no LTV:CRC and no note")
    void noRetentionCostsNoRatio() {
        PortfolioFigures march = PortfolioFigures.of(
                threeNewAccounts(),
                Levels.ZERO,
                RevenueFixtures.config(KpiPeriod.MONTH, null, RetentionCosts.NONE),
                false,
                MARCH_10);

        assertThat(march.revenue().retentionCostPerAccount()).isNull();
        assertThat(march.revenue().ltvToCrc()).isNull();
        assertThat(march.revenue().ltvToCrcTooLow()).isNull();
        assertThat(march.notes()).noneMatch(note -> note.contains("crc") || note.contains("retention_cost"));
    }
}
