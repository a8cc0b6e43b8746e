package io.healthstream.scoring.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KpiPeriodTest {
    private static final Instant MID_MARCH = Instant.parse("2026-03-15T12:00:00Z");

    @Test
    void monthRunsFromTheFirstToTheFirstOfTheNextMonthUtc() {
        assertThat(KpiPeriod.MONTH.of(MID_MARCH))
                .isEqualTo(new KpiPeriod.Period(
                        "2026-03", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")));
    }

    @Test
    void weekIsTheIsoWeekStartingMonday() {
        assertThat(KpiPeriod.WEEK.of(MID_MARCH))
                .isEqualTo(new KpiPeriod.Period(
                        "2026-W11", Instant.parse("2026-03-09T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z")));
    }

    @Test
    void quarterIsThreeCalendarMonths() {
        assertThat(KpiPeriod.QUARTER.of(MID_MARCH))
                .isEqualTo(new KpiPeriod.Period(
                        "2026-Q1", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")));
    }

    @Test
    void lastMillisecondOfAMonthStillBelongsToIt() {
        assertThat(KpiPeriod.MONTH.of(Instant.parse("2026-03-31T23:59:59.999Z")).label())
                .isEqualTo("2026-03");
    }
}
