package io.healthstream.scoring.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One account's lifetime value and LTV:CRC, as its health record states them. {@code ltv} (minor units of the
 * account's currency, like the KPIs' {@code ltv}) is null when it cannot be computed, and {@code basis} says
 * why, or what it was computed from; {@code ltvToCrc} is null when the account's touch tier has no
 * {@code kpis.crc.*} cost.
 */
public record AccountLtv(Double ltv, String basis, Double ltvToCrc, boolean rateMissing) {
    /**
     * How long after a month ends its churn rate is used: the ledger closes a month {@code kpis.grace} after its
     * end on the slowest task's clock, and this leaves it the rest of a week of event time to do so.
     */
    public static final Duration SETTLE_DELAY = Duration.ofDays(7);

    /**
     * The rule: the account's paying MRR x {@code kpis.gross-margin} (1 when unset) / the monthly customer
     * churn rate of its segment averaged over the six closed months ending with the month {@link #rateMonth} names,
     * read from {@code closed} (empty while that month's rates are not known here). LTV:CRC is the paying MRR
     * x gross margin / the monthly retention cost of the account's touch tier, since LTV and CRC cover the
     * same lifetime; it does not need the churn rate.
     */
    public static AccountLtv of(
            AccountSnapshot account,
            String segment,
            Instant asOf,
            Function<YearMonth, Optional<SegmentChurnRates>> closed,
            KpiConfig config) {
        if (!account.paying()) {
            return new AccountLtv(null, "not paying (" + account.billing() + "): no recurring revenue", null, false);
        }
        double margin = config.grossMargin() == null ? 1 : config.grossMargin();
        double value = account.mrr() * margin;
        Long crc = account.touch() == null ? null : config.retentionCosts().of(account.touch());
        Double ltvToCrc = crc == null || crc == 0 ? null : value / crc;
        if (config.period() != KpiPeriod.MONTH) {
            return new AccountLtv(null, "per-account LTV needs kpis.period=month", ltvToCrc, false);
        }
        YearMonth month = rateMonth(asOf);
        Optional<SegmentChurnRates> rates = closed.apply(month);
        if (rates.isEmpty()) {
            return new AccountLtv(null, "segment churn rate for " + month + " not closed yet", ltvToCrc, true);
        }
        SegmentChurnRates trailing = rates.get();
        SegmentChurn churn = trailing.of(segment);
        String span = trailing.from() + " to " + trailing.through();
        if (trailing.months() == 0) {
            return new AccountLtv(
                    null,
                    "not enough history: no closed month of churn by " + month + ", "
                            + SegmentChurnHistory.TRAILING_MONTHS + " needed",
                    ltvToCrc,
                    false);
        }
        if (trailing.months() < SegmentChurnHistory.TRAILING_MONTHS) {
            return new AccountLtv(
                    null,
                    "not enough history: " + trailing.months() + " closed months of churn (" + span + "), "
                            + SegmentChurnHistory.TRAILING_MONTHS + " needed",
                    ltvToCrc,
                    false);
        }
        if (churn.ratedMonths() == 0) {
            return new AccountLtv(
                    null, "no paying account of segment " + segment + " at the month starts " + span, ltvToCrc, false);
        }
        if (churn.rateSum() == 0) {
            return new AccountLtv(
                    null,
                    "no account of segment " + segment + " churned " + span + ": churn rate 0, lifetime unbounded",
                    ltvToCrc,
                    false);
        }
        String basis = String.format(
                Locale.ROOT,
                "MRR %d %s x gross margin %s / monthly churn %.2f %% of segment %s (the average of %d monthly rates,"
                        + " %s; %d lost of %d paying at the month starts)",
                account.mrr(),
                account.currency(),
                config.grossMargin() == null ? "1 (kpis.gross-margin not set)" : config.grossMargin(),
                churn.monthlyRate() * 100,
                segment,
                churn.ratedMonths(),
                span,
                churn.accountsLost(),
                churn.accountsStart());
        return new AccountLtv(value / churn.monthlyRate(), basis, ltvToCrc, false);
    }

    /**
     * The month whose trailing rate a record at {@code asOf} uses: the month before, once {@link #SETTLE_DELAY}
     * of the current month has passed; before that, the month before that.
     */
    public static YearMonth rateMonth(Instant asOf) {
        YearMonth current = YearMonth.from(asOf.atZone(ZoneOffset.UTC));
        Instant settled =
                current.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plus(SETTLE_DELAY);
        return current.minusMonths(asOf.isBefore(settled) ? 2 : 1);
    }
}
