package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ledger's churn per segment, worked by hand: month starts, losses across currencies, the six-month window. */
class SegmentChurnHistoryTest {
    private static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @Test
    @DisplayName("a month starts from the accounts paying before it; every currency's losses add up")
    void monthStartsFromThePayingAccountsBeforeIt() {
        SegmentChurnHistory history = SegmentChurnHistory.EMPTY
                .withClosed(JANUARY, Map.of("enterprise", 10L, "default", 40L), Map.of())
                .withClosed(JANUARY.plusMonths(1), Map.of("enterprise", -2L), Map.of("enterprise", 2L))
                .withClosed(JANUARY.plusMonths(1), Map.of("enterprise", -1L, "default", 3L), Map.of("enterprise", 1L));

        assertThat(history.months().get(1))
                .isEqualTo(new SegmentMonth(
                        JANUARY.plusMonths(1), Map.of("enterprise", 10L, "default", 40L), Map.of("enterprise", 3L)));
        assertThat(history.paying()).isEqualTo(Map.of("enterprise", 7L, "default", 43L));
    }

    @Test
    @DisplayName("a month in which no account moved starts with the accounts paying then and loses no one")
    void aMonthWithoutTallyLosesNoOne() {
        SegmentChurnHistory history = SegmentChurnHistory.EMPTY
                .withClosed(JANUARY, Map.of("enterprise", 10L), Map.of())
                .withClosed(JANUARY.plusMonths(2), Map.of(), Map.of("enterprise", 1L));

        assertThat(history.months())
                .containsExactly(
                        new SegmentMonth(JANUARY, Map.of(), Map.of()),
                        new SegmentMonth(JANUARY.plusMonths(1), Map.of("enterprise", 10L), Map.of()),
                        new SegmentMonth(JANUARY.plusMonths(2), Map.of("enterprise", 10L), Map.of("enterprise", 1L)));
    }

    @Test
    @DisplayName("the rate over six months is the average of the months' rates: (2/100 + 3/100 + 1/110 + 4/120 + 2/120"
            + " + 5/130) / 6 = 2.459 %, not 17 / 680 = 2.5 %")
    void rateOverSixMonthsIsTheAverageOfTheMonthsRates() {
        // Starts 100, 100, 110, 120, 120, 130 (sum 680); lost 2, 3, 1, 4, 2, 5 (sum 17). A seventh, older month
        // (start 0, 9 lost) falls out of the window. Each month's change of paying accounts is net of its losses.
        long[] change = {100, 0, 10, 10, 0, 10, -5};
        long[] lost = {9, 2, 3, 1, 4, 2, 5};
        SegmentChurnHistory history = SegmentChurnHistory.EMPTY;
        for (int i = 0; i < change.length; i++) {
            history = history.withClosed(JANUARY.plusMonths(i), Map.of("smb", change[i]), Map.of("smb", lost[i]));
        }

        SegmentChurnRates rates = history.rates();

        assertThat(rates.through()).isEqualTo(YearMonth.of(2026, 7));
        assertThat(rates.from()).isEqualTo(YearMonth.of(2026, 2));
        assertThat(rates.months()).isEqualTo(6);
        SegmentChurn smb = rates.of("smb");
        assertThat(smb.accountsStart()).isEqualTo(680);
        assertThat(smb.accountsLost()).isEqualTo(17);
        assertThat(smb.ratedMonths()).isEqualTo(6);
        assertThat(smb.monthlyRate()).isCloseTo(211.0 / 1430 / 6, offset(1e-15));
    }

    @Test
    @DisplayName("a month that began with no paying account has no rate and stays out of the average")
    void monthWithoutPayingAccountsHasNoRate() {
        // January starts with nobody paying (10 start during it); February starts with 10 and loses 1.
        SegmentChurnRates rates = SegmentChurnHistory.EMPTY
                .withClosed(JANUARY, Map.of("smb", 10L), Map.of())
                .withClosed(JANUARY.plusMonths(1), Map.of("smb", -1L), Map.of("smb", 1L))
                .rates();

        assertThat(rates.months()).isEqualTo(2);
        assertThat(rates.of("smb")).isEqualTo(new SegmentChurn(10, 1, 0.1, 1));
        assertThat(rates.of("smb").monthlyRate()).isEqualTo(0.1);
    }

    @Test
    @DisplayName("a segment with no paying account and no loss in the window is absent")
    void emptySegmentIsAbsent() {
        SegmentChurnRates rates = SegmentChurnHistory.EMPTY
                .withClosed(JANUARY, Map.of("smb", 3L), Map.of())
                .rates();

        assertThat(rates.segments()).isEmpty();
        assertThat(rates.of("smb")).isEqualTo(SegmentChurn.NONE);
        assertThat(rates.months()).isEqualTo(1);
    }
}
