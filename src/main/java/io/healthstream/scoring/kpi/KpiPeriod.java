package io.healthstream.scoring.kpi;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The calendar period (UTC) portfolio KPIs are computed over: {@code kpis.period}. */
public enum KpiPeriod {
    MONTH,
    WEEK,
    QUARTER;

    /** Average Gregorian month in days, to express weekly churn as a lifetime in months. */
    private static final double DAYS_PER_MONTH = 365.2425 / 12;

    /**
     * The period {@link #of} found last: nearly every call asks for the same one, and building its label costs
     * more than the rest of a KPI step. Shared by every stream thread, which is safe as periods are immutable.
     */
    private volatile Period last;

    /** The period containing {@code at}. */
    public Period of(Instant at) {
        Period cached = last;
        if (cached != null && !at.isBefore(cached.start()) && at.isBefore(cached.end())) {
            return cached;
        }
        Period found = containing(at);
        last = found;
        return found;
    }

    private Period containing(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return switch (this) {
            case MONTH -> {
                LocalDate start = day.withDayOfMonth(1);
                yield period(
                        String.format(Locale.ROOT, "%04d-%02d", start.getYear(), start.getMonthValue()),
                        start,
                        start.plusMonths(1));
            }
            case WEEK -> {
                LocalDate start = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield period(
                        String.format(
                                Locale.ROOT,
                                "%04d-W%02d",
                                start.get(IsoFields.WEEK_BASED_YEAR),
                                start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                        start,
                        start.plusWeeks(1));
            }
            case QUARTER -> {
                LocalDate start = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield period(
                        String.format(Locale.ROOT, "%04d-Q%d", start.getYear(), start.get(IsoFields.QUARTER_OF_YEAR)),
                        start,
                        start.plusMonths(3));
            }
        };
    }

    /** The longest a period of this kind lasts: how long an event can still fall into an open period. */
    public Duration maxLength() {
        return switch (this) {
            case MONTH -> Duration.ofDays(31);
            case WEEK -> Duration.ofDays(7);
            case QUARTER -> Duration.ofDays(92);
        };
    }

    /** How many months one period is, so that a per-period churn rate gives a lifetime in months. */
    public double months(Period period) {
        return switch (this) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case WEEK -> period.days() / DAYS_PER_MONTH;
        };
    }

    private static Period period(String label, LocalDate start, LocalDate end) {
        return new Period(
                label,
                start.atStartOfDay().toInstant(ZoneOffset.UTC),
                end.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** One calendar period: {@code label} such as 2026-03, 2026-W09 or 2026-Q1; {@code end} exclusive. */
    public record Period(String label, Instant start, Instant end) {
        public long days() {
            return ChronoUnit.DAYS.between(start, end);
        }
    }
}
