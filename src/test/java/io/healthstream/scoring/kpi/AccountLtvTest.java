package io.healthstream.scoring.kpi;

import static io.healthstream.scoring.kpi.RevenueFixtures.paying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.TouchModel;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per-account LTV and LTV:CRC, worked by hand. The segment smb began December to May with 100, 100, 100, 100, 100
 * and 50 paying accounts and lost 2, 3, 2, 3, 2 and 3 of them: monthly rates 2, 3, 2, 3, 2 and 6 %, on average
 * 3 % a month (ChartMogul's trailing average; the pooled 15 / 550 = 2.73 % is not it). An account paying 12 000 a
 * month with a gross margin of 0.8 is worth 12 000 x 0.8 / 0.03 = 320 000; its MID_TOUCH retention costs 2 400 a
 * month: LTV:CRC 9 600 / 2 400 = 4.
 */
class AccountLtvTest {
    private static final Instant JUNE_10 = Instant.parse("2026-06-10T12:00:00Z");
    private static final YearMonth MAY = YearMonth.of(2026, 5);
    private static final SegmentChurnRates SIX_MONTHS = new SegmentChurnRates(
            MAY, 6, Map.of("smb", months(new long[] {100, 100, 100, 100, 100, 50}, 2, 3, 2, 3, 2, 3)));
    private static final RetentionCosts CRC = new RetentionCosts(null, 2_400L, 20_000L);

    /** The segment's months, each started with {@code starts[i]} paying accounts and losing {@code lost[i]}. */
    private static SegmentChurn months(long[] starts, long... lost) {
        SegmentChurn churn = SegmentChurn.NONE;
        for (int i = 0; i < starts.length; i++) {
            churn = churn.plus(SegmentChurn.ofMonth(starts[i], lost[i]));
        }
        return churn;
    }

    private static Function<YearMonth, Optional<SegmentChurnRates>> closed(SegmentChurnRates rates) {
        return month -> month.equals(rates.through()) ? Optional.of(rates) : Optional.empty();
    }

    private static AccountLtv ltv(AccountSnapshot account, Instant asOf, SegmentChurnRates rates, Double margin) {
        return AccountLtv.of(account, "smb", asOf, closed(rates), RevenueFixtures.config(KpiPeriod.MONTH, margin, CRC));
    }

    @Test
    @DisplayName("LTV = MRR x gross margin / the segment's six-month churn rate: 12 000 x 0.8 / 3 % = 320 000")
    void ltvIsMrrTimesMarginOverTheSegmentsChurnRate() {
        AccountLtv ltv = ltv(paying(12_000, TouchModel.MID_TOUCH), JUNE_10, SIX_MONTHS, 0.8);

        assertThat(ltv.ltv()).isCloseTo(320_000, offset(1e-6));
        assertThat(ltv.basis())
                .isEqualTo("MRR 12000 USD x gross margin 0.8 / monthly churn 3.00 % of segment smb (the average of 6"
                        + " monthly rates, 2025-12 to 2026-05; 15 lost of 550 paying at the month starts)");
        assertThat(ltv.rateMissing()).isFalse();
    }

    @Test
    @DisplayName("without kpis.gross-margin the margin is 1: 12 000 / 3 % = 400 000")
    void grossMarginDefaultsToOne() {
        AccountLtv ltv = ltv(paying(12_000, TouchModel.MID_TOUCH), JUNE_10, SIX_MONTHS, null);

        assertThat(ltv.ltv()).isCloseTo(400_000, offset(1e-6));
        assertThat(ltv.basis()).contains("x gross margin 1 (kpis.gross-margin not set) /");
    }

    @Test
    @DisplayName("from day 8 of June the rate of the six months to May is used; until then the six months to April")
    void settleDaySwitchesTheMonth() {
        assertThat(AccountLtv.rateMonth(Instant.parse("2026-06-07T23:59:59.999Z")))
                .isEqualTo(YearMonth.of(2026, 4));
        assertThat(AccountLtv.rateMonth(Instant.parse("2026-06-08T00:00:00Z"))).isEqualTo(MAY);
        assertThat(AccountLtv.rateMonth(Instant.parse("2026-01-03T00:00:00Z"))).isEqualTo(YearMonth.of(2025, 11));

        AccountLtv early =
                ltv(paying(12_000, TouchModel.MID_TOUCH), Instant.parse("2026-06-07T10:00:00Z"), SIX_MONTHS, 0.8);
        assertThat(early.ltv()).isNull();
        assertThat(early.basis()).isEqualTo("segment churn rate for 2026-04 not closed yet");
        assertThat(early.rateMissing()).isTrue();
    }

    @Test
    @DisplayName("fewer than six closed months: no LTV, and the basis says how many there are")
    void notEnoughHistory() {
        SegmentChurnRates threeMonths =
                new SegmentChurnRates(MAY, 3, Map.of("smb", months(new long[] {100, 100, 100}, 3, 3, 3)));

        AccountLtv ltv = ltv(paying(12_000, TouchModel.MID_TOUCH), JUNE_10, threeMonths, 0.8);

        assertThat(ltv.ltv()).isNull();
        assertThat(ltv.basis())
                .isEqualTo("not enough history: 3 closed months of churn (2026-03 to 2026-05), 6 needed");
        assertThat(ltv.ltvToCrc()).isEqualTo(4.0);
    }

    @Test
    @DisplayName("no churn in six months: no LTV rather than a division by zero")
    void zeroChurnNeverDivides() {
        SegmentChurnRates noChurn = new SegmentChurnRates(
                MAY, 6, Map.of("smb", months(new long[] {100, 100, 100, 100, 100, 50}, 0, 0, 0, 0, 0, 0)));

        AccountLtv ltv = ltv(paying(12_000, TouchModel.MID_TOUCH), JUNE_10, noChurn, 0.8);

        assertThat(ltv.ltv()).isNull();
        assertThat(ltv.basis())
                .isEqualTo("no account of segment smb churned 2025-12 to 2026-05: churn rate 0, lifetime unbounded");
    }

    @Test
    @DisplayName("a segment without paying accounts in the window has no rate")
    void segmentWithoutAccountsHasNoRate() {
        AccountLtv ltv = AccountLtv.of(
                paying(12_000, TouchModel.MID_TOUCH),
                "enterprise",
                JUNE_10,
                closed(SIX_MONTHS),
                RevenueFixtures.config(KpiPeriod.MONTH, 0.8, CRC));

        assertThat(ltv.ltv()).isNull();
        assertThat(ltv.basis())
                .isEqualTo("no paying account of segment enterprise at the month starts 2025-12 to 2026-05");
    }

    @Test
    @DisplayName(
            "LTV:CRC = MRR x gross margin / the tier's monthly cost: MID 9 600 / 2 400 = 4, HIGH 48 000 / 20 000 = 2.4")
    void ltvToCrcUsesTheAccountsTier() {
        assertThat(ltv(paying(12_000, TouchModel.MID_TOUCH), JUNE_10, SIX_MONTHS, 0.8)
                        .ltvToCrc())
                .isEqualTo(4.0);
        assertThat(ltv(paying(60_000, TouchModel.HIGH_TOUCH), JUNE_10, SIX_MONTHS, 0.8)
                        .ltvToCrc())
                .isCloseTo(2.4, offset(1e-9));
    }

    @Test
    @DisplayName("LTV:CRC is null when the tier's kpis.crc key is not set")
    void unsetCrcGivesNoRatio() {
        AccountLtv ltv = ltv(paying(3_000, TouchModel.LOW_TOUCH), JUNE_10, SIX_MONTHS, 0.8);

        assertThat(ltv.ltvToCrc()).isNull();
        assertThat(ltv.ltv()).isCloseTo(80_000, offset(1e-6));
    }

    @Test
    @DisplayName("an account that does not pay has no LTV and no LTV:CRC")
    void notPayingHasNoLtv() {
        AccountSnapshot cancelled = new AccountSnapshot(
                "USD", BillingStatus.CANCELLED, 0, null, false, false, TouchModel.MID_TOUCH, null, 0, "smb");

        AccountLtv ltv = ltv(cancelled, JUNE_10, SIX_MONTHS, 0.8);

        assertThat(ltv).isEqualTo(new AccountLtv(null, "not paying (CANCELLED): no recurring revenue", null, false));
    }

    @Test
    @DisplayName("weekly or quarterly KPIs keep no monthly churn: the basis says so")
    void needsMonthlyPeriods() {
        AccountLtv ltv = AccountLtv.of(
                paying(12_000, TouchModel.MID_TOUCH),
                "smb",
                JUNE_10,
                closed(SIX_MONTHS),
                RevenueFixtures.config(KpiPeriod.WEEK, 0.8, CRC));

        assertThat(ltv.ltv()).isNull();
        assertThat(ltv.basis()).isEqualTo("per-account LTV needs kpis.period=month");
        assertThat(ltv.ltvToCrc()).isEqualTo(4.0);
    }
}
