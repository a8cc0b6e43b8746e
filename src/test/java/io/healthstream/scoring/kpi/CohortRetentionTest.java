package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.healthstream.scoring.BillingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cohort NRR and GRR, worked by hand. The January 2026 cohort: A starts paying 10 000 on 10 January, B 5 000 on
 * 20 January, so the cohort started with 15 000. February: A expands to 12 000. March: B cancels. April: B pays
 * again, 6 000.
 */
class CohortRetentionTest {
    private static final Instant JANUARY = Instant.parse("2026-01-01T00:00:00Z");
    private static final KpiConfig MONTHLY = KpiConfig.defaults(List.of());

    private static AccountSnapshot notYetPaying() {
        return new AccountSnapshot("USD", BillingStatus.TRIAL, 0, null, false, false, null, null, 0, null);
    }

    private static AccountSnapshot member(BillingStatus billing, long mrr, long startingMrr) {
        return new AccountSnapshot("USD", billing, mrr, null, false, false, null, JANUARY, startingMrr, null);
    }

    private static AccountTransition move(String day, AccountSnapshot before, AccountSnapshot after) {
        return new AccountTransition(Instant.parse(day), before, after, PeriodFacts.billingOnly(null));
    }

    /** The month's figures from the levels at its start; returns them, the levels at its end are in {@code end()}. */
    private static PortfolioFigures month(Levels start, AccountTransition... moves) {
        PeriodTally tally = PeriodTally.empty(KpiPeriod.MONTH.of(moves[0].at()), "USD");
        for (AccountTransition t : moves) {
            tally = tally.plus(t);
        }
        return PortfolioFigures.of(tally, start, MONTHLY, true, moves[0].at());
    }

    private static CohortCell january(PortfolioFigures figures) {
        return figures.revenue().cohorts().stream()
                .filter(cell -> cell.cohort().equals(JANUARY))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("month 0 to 3 of the January cohort: NRR 100, 113.33, 80, 120 %; GRR 100, 100, 66.67, 100 %")
    void januaryCohortAcrossFourMonths() {
        PortfolioFigures jan = month(
                Levels.ZERO,
                move("2026-01-10T00:00:00Z", notYetPaying(), member(BillingStatus.ACTIVE, 10_000, 10_000)),
                move("2026-01-20T00:00:00Z", notYetPaying(), member(BillingStatus.ACTIVE, 5_000, 5_000)));
        // A expands 10 000 -> 12 000: NRR 17 000 / 15 000 = 113.33 %; GRR caps A at 10 000: 15 000 / 15 000.
        PortfolioFigures feb = month(
                jan.end(),
                move(
                        "2026-02-05T00:00:00Z",
                        member(BillingStatus.ACTIVE, 10_000, 10_000),
                        member(BillingStatus.ACTIVE, 12_000, 10_000)));
        // B cancels: NRR 12 000 / 15 000 = 80 %; GRR 10 000 / 15 000 = 66.67 %.
        PortfolioFigures mar = month(
                feb.end(),
                move(
                        "2026-03-05T00:00:00Z",
                        member(BillingStatus.ACTIVE, 5_000, 5_000),
                        member(BillingStatus.CANCELLED, 0, 5_000)));
        // B pays 6 000 again: NRR 18 000 / 15 000 = 120 %; GRR caps B at 5 000: 15 000 / 15 000.
        PortfolioFigures apr = month(
                mar.end(),
                move(
                        "2026-04-05T00:00:00Z",
                        member(BillingStatus.CANCELLED, 0, 5_000),
                        member(BillingStatus.ACTIVE, 6_000, 5_000)));

        assertThat(List.of(jan, feb, mar, apr))
                .extracting(f -> january(f).ageMonths())
                .containsExactly(0, 1, 2, 3);
        assertThat(List.of(jan, feb, mar, apr))
                .extracting(f -> january(f).mrrStart())
                .containsOnly(15_000L);
        assertThat(january(jan).nrrPct()).isEqualTo(100.0);
        assertThat(january(feb).nrrPct()).isCloseTo(113.333_333, offset(1e-5));
        assertThat(january(mar).nrrPct()).isEqualTo(80.0);
        assertThat(january(apr).nrrPct()).isEqualTo(120.0);
        assertThat(january(jan).grrPct()).isEqualTo(100.0);
        assertThat(january(feb).grrPct()).isEqualTo(100.0);
        assertThat(january(mar).grrPct()).isCloseTo(66.666_667, offset(1e-5));
        assertThat(january(apr).grrPct()).isEqualTo(100.0);
    }

    @Test
    @DisplayName("a cohort is followed for 12 months: in January 2027 (age 12) it has a cell, in February 2027 none")
    void cohortIsFollowedForTwelveMonths() {
        PortfolioFigures jan = month(
                Levels.ZERO,
                move("2026-01-10T00:00:00Z", notYetPaying(), member(BillingStatus.ACTIVE, 10_000, 10_000)));
        Levels afterJanuary = jan.end();

        PortfolioFigures jan2027 = month(afterJanuary, move("2027-01-10T00:00:00Z", notYetPaying(), notYetPaying()));
        PortfolioFigures feb2027 = month(jan2027.end(), move("2027-02-10T00:00:00Z", notYetPaying(), notYetPaying()));

        assertThat(jan2027.revenue().cohorts()).singleElement().satisfies(cell -> {
            assertThat(cell.ageMonths()).isEqualTo(12);
            assertThat(cell.nrrPct()).isEqualTo(100.0);
        });
        assertThat(feb2027.revenue().cohorts()).isEmpty();
        assertThat(feb2027.end().cohorts()).isEmpty();
    }

    @Test
    @DisplayName("weekly KPI periods carry no cohort cells: the cohort view is monthly")
    void onlyMonthlyPeriodsCarryCohorts() {
        KpiConfig weekly = new KpiConfig(
                KpiPeriod.WEEK,
                Duration.ofDays(2),
                Duration.ofMinutes(1),
                null,
                null,
                KpiStrategy.STABILITY,
                List.of(),
                Duration.ofDays(30),
                RetentionCosts.NONE);
        AccountTransition starts =
                move("2026-01-10T00:00:00Z", notYetPaying(), member(BillingStatus.ACTIVE, 10_000, 10_000));
        PeriodTally tally =
                PeriodTally.empty(KpiPeriod.WEEK.of(starts.at()), "USD").plus(starts);

        PortfolioFigures week = PortfolioFigures.of(tally, Levels.ZERO, weekly, true, starts.at());

        assertThat(week.revenue().cohorts()).isEmpty();
        assertThat(week.end().cohorts()).isEqualTo(Map.of(JANUARY, new CohortMrr(10_000, 10_000, 10_000)));
    }
}
