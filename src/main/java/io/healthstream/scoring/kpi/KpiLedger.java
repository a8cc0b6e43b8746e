package io.healthstream.scoring.kpi;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The portfolio's KPIs as the account tasks report them: the tallies of the periods still open, the
 * running totals per currency, and the event-time clocks of the tasks. Rules, each in one method:
 * <ul>
 *   <li>a task's batch adds to the open periods; a tally for a period already closed is late and dropped;</li>
 *   <li>the watermark is the slowest task's clock ({@link SourceClocks}); a period closes once the watermark
 *       has passed its end plus {@code kpis.grace}, in start order, and is published with {@code final=true};</li>
 *   <li>an open period that changed is published once the watermark is {@code kpis.emit.interval} past its
 *       first unpublished change, and at most once per interval, so changes coalesce; so is each currency's
 *       all-time record;</li>
 *   <li>at the end of a finite input every period that ended is final and the rest are published as
 *       provisional.</li>
 *   <li>with monthly periods, each closed month's accounts paying and lost per segment, whatever the currency,
 *       go into the segments' churn history ({@link SegmentChurnHistory}), which starts with the earliest month
 *       that has a tally; once the watermark has passed a month's end plus the grace, the month is closed for
 *       good: the segments' trailing churn rates through it are published (from the history's first month on,
 *       tallied or not), then that every month up to it is closed and where the history starts. Per-account LTV
 *       waits for these; they depend on the events alone, never on when the ledger hears of them.</li>
 * </ul>
 * Immutable: every rule returns a new ledger with what to publish.
 */
public record KpiLedger(
        SourceClocks clocks,
        Map<String, PortfolioTotals> totals,
        List<OpenPeriod> open,
        Map<String, Emission> allTime,
        SegmentChurnHistory segmentChurn) {

    public KpiLedger {
        totals = Map.copyOf(totals);
        open = open.stream()
                .sorted(Comparator.comparing(
                                (OpenPeriod p) -> p.tally().period().start())
                        .thenComparing(p -> p.tally().currency()))
                .toList();
        allTime = Map.copyOf(allTime);
    }

    /** A period still taking events, and when it was last published. */
    public record OpenPeriod(PeriodTally tally, Emission emission) {}

    /**
     * When a record was last published, and the watermark at its first change since ({@code pendingSince},
     * null when nothing changed): changes coalesce for one emit interval before they go out.
     */
    public record Emission(Instant lastEmittedAt, Instant pendingSince) {
        static final Emission NEVER = new Emission(null, null);

        Emission changedAt(Instant watermark) {
            return pendingSince != null ? this : new Emission(lastEmittedAt, watermark);
        }

        boolean due(Instant watermark, Duration interval) {
            return pendingSince != null
                    && !watermark.isBefore(pendingSince.plus(interval))
                    && (lastEmittedAt == null || !watermark.isBefore(lastEmittedAt.plus(interval)));
        }

        static Emission publishedAt(Instant watermark) {
            return new Emission(watermark, null);
        }
    }

    /** A record to publish. */
    public sealed interface Report permits PeriodReport, AllTimeReport, SegmentChurnReport, MonthsClosedReport {}

    /** The segments' trailing churn rates through a month closed for good. */
    public record SegmentChurnReport(SegmentChurnRates rates) implements Report {}

    /**
     * Every month up to {@code closedThrough} is closed for good, and the churn history starts with {@code first}
     * (null: no month up to then had a tally): a month before it has no churn figures.
     */
    public record MonthsClosedReport(YearMonth closedThrough, YearMonth first) implements Report {}

    /** The KPIs of one period and currency. */
    public record PeriodReport(PortfolioFigures figures) implements Report {}

    /** The running figures of one currency. */
    public record AllTimeReport(AllTimeFigures figures) implements Report {}

    /** The ledger after a rule, what to publish, and how many tallies came too late to count. */
    public record Update(KpiLedger ledger, List<Report> reports, int lateTallies) {
        public Update {
            reports = List.copyOf(reports);
        }
    }

    /** Nothing counted yet; waits for {@code partitions} account tasks. */
    public static KpiLedger start(int partitions, Instant wallNow) {
        return new KpiLedger(
                SourceClocks.expecting(partitions, wallNow), Map.of(), List.of(), Map.of(), SegmentChurnHistory.EMPTY);
    }

    /**
     * Task {@code partition}, whose clock reads {@code clock}, sends {@code batch} at wall-clock {@code wallNow}:
     * counts it, moves the watermark, closes what ended and publishes what is due.
     */
    public Update receive(
            int partition, Instant clock, KpiBatch batch, Instant wallNow, Duration idleAfter, KpiConfig config) {
        Working work = counted(partition, clock, batch, wallNow, idleAfter, config);
        Instant watermark = work.clocks.watermark();
        work.closeWhere(period -> !watermark.isBefore(period.end().plus(config.grace())), watermark, config);
        if (watermark.isAfter(Instant.EPOCH)) {
            work.publishClosedMonths(watermark.minus(config.grace()), config);
        }
        work.publishDue(watermark, config, false);
        return work.update();
    }

    /**
     * Task {@code partition} sends its last {@code batch}, and the input is complete (the end of a replay): every
     * period that ended by the latest clock is final, and every other period and currency is published once
     * more, as provisional.
     */
    public Update endOfInput(
            int partition, Instant clock, KpiBatch batch, Instant wallNow, Duration idleAfter, KpiConfig config) {
        Working work = counted(partition, clock, batch, wallNow, idleAfter, config);
        Instant latest = work.clocks.latest();
        work.closeWhere(period -> !latest.isBefore(period.end()), latest, config);
        work.publishClosedMonths(latest, config);
        work.publishDue(latest, config, true);
        return work.update();
    }

    /** The task's clock moved and its batch counted; a tally for a period closed by the old watermark is late. */
    private Working counted(
            int partition, Instant clock, KpiBatch batch, Instant wallNow, Duration idleAfter, KpiConfig config) {
        Working work = new Working(this);
        work.clocks = clocks.advance(partition, clock, wallNow, idleAfter);
        work.late = work.count(batch, clocks.watermark(), config);
        return work;
    }

    /** The rules' scratch space: mutable copies of the ledger's parts while one rule runs. */
    private static final class Working {
        private SourceClocks clocks;
        private final Map<String, PortfolioTotals> totals;
        private final List<OpenPeriod> open;
        private final Map<String, Emission> allTime;
        private SegmentChurnHistory segmentChurn;
        /** The last month whose segment churn rates went out: every month the history holds. */
        private YearMonth publishedThrough;

        private final List<Report> reports = new ArrayList<>();
        private int late;

        Working(KpiLedger ledger) {
            clocks = ledger.clocks;
            totals = new TreeMap<>(ledger.totals);
            open = new ArrayList<>(ledger.open);
            allTime = new TreeMap<>(ledger.allTime);
            segmentChurn = ledger.segmentChurn;
            publishedThrough = segmentChurn.last();
        }

        /** Adds {@code batch}; a tally for a period that had closed by {@code closedBy} is late. */
        int count(KpiBatch batch, Instant closedBy, KpiConfig config) {
            Instant watermark = clocks.watermark();
            int late = 0;
            for (PeriodTally tally : batch.tallies()) {
                OpenPeriod current = find(tally);
                if (current == null && !closedBy.isBefore(tally.period().end().plus(config.grace()))) {
                    late++;
                    continue;
                }
                open.remove(current);
                PeriodTally sum = current == null ? tally : current.tally().plus(tally);
                Emission emission = current == null ? Emission.NEVER : current.emission();
                open.add(new OpenPeriod(sum, emission.changedAt(watermark)));
                allTime.put(tally.currency(), allTime(tally.currency()).changedAt(watermark));
            }
            batch.bandDeltas().forEach((currency, deltas) -> {
                totals.put(currency, totals(currency).withBandDeltas(deltas));
                allTime.put(currency, allTime(currency).changedAt(watermark));
            });
            return late;
        }

        void closeWhere(java.util.function.Predicate<KpiPeriod.Period> ended, Instant asOf, KpiConfig config) {
            for (OpenPeriod period : sorted()) {
                PeriodTally tally = period.tally();
                if (!ended.test(tally.period())) {
                    continue;
                }
                Levels start = levelsAt(tally.currency(), tally.period().start());
                reports.add(new PeriodReport(PortfolioFigures.of(tally, start, config, true, asOf)));
                open.remove(period);
                totals.put(tally.currency(), totals(tally.currency()).withClosed(tally, start));
                if (config.period() == KpiPeriod.MONTH) {
                    YearMonth month = monthOf(tally.period().start());
                    publishSegmentRates(month.minusMonths(1));
                    segmentChurn = segmentChurn.withClosed(month, tally.payingBySegment(), tally.churnedBySegment());
                }
                allTime.put(tally.currency(), allTime(tally.currency()).changedAt(asOf));
            }
        }

        /**
         * Every month that ended by {@code endedBy} is closed for good: publishes the rates through each one not yet
         * published, then how far the months are closed and where the history starts.
         */
        void publishClosedMonths(Instant endedBy, KpiConfig config) {
            YearMonth closed = monthOf(endedBy).minusMonths(1);
            if (config.period() != KpiPeriod.MONTH
                    || (segmentChurn.closedThrough() != null && !closed.isAfter(segmentChurn.closedThrough()))) {
                return;
            }
            publishSegmentRates(closed);
            segmentChurn = segmentChurn.closedThrough(closed);
            reports.add(new MonthsClosedReport(closed, segmentChurn.first()));
        }

        /** Publishes the rates through each month of the history not yet published, up to {@code through}. */
        private void publishSegmentRates(YearMonth through) {
            if (segmentChurn.first() == null) {
                return;
            }
            YearMonth next = publishedThrough == null ? segmentChurn.first() : publishedThrough.plusMonths(1);
            for (; !next.isAfter(through); next = next.plusMonths(1)) {
                if (segmentChurn.last().isBefore(next)) {
                    segmentChurn = segmentChurn.through(next);
                }
                reports.add(new SegmentChurnReport(segmentChurn.rates()));
                publishedThrough = next;
            }
        }

        private static YearMonth monthOf(Instant at) {
            return YearMonth.from(at.atZone(ZoneOffset.UTC));
        }

        /** Publishes what changed and is due; {@code everything} publishes every open period and currency. */
        void publishDue(Instant watermark, KpiConfig config, boolean everything) {
            for (OpenPeriod period : sorted()) {
                if (everything || period.emission().due(watermark, config.emitInterval())) {
                    PeriodTally tally = period.tally();
                    PortfolioFigures figures = PortfolioFigures.of(
                            tally, levelsAt(tally.currency(), tally.period().start()), config, false, watermark);
                    reports.add(new PeriodReport(
                            everything
                                    ? figures.withNote("provisional: the period was still open when the input ended")
                                    : figures));
                    open.set(open.indexOf(period), new OpenPeriod(tally, Emission.publishedAt(watermark)));
                }
            }
            for (String currency : List.copyOf(allTime.keySet())) {
                if (everything || allTime.get(currency).due(watermark, config.emitInterval())) {
                    reports.add(new AllTimeReport(allTimeFigures(currency, watermark, config)));
                    allTime.put(currency, Emission.publishedAt(watermark));
                }
            }
        }

        private AllTimeFigures allTimeFigures(String currency, Instant asOf, KpiConfig config) {
            PortfolioTotals current = totals(currency);
            Levels levels = current.closed();
            List<PeriodSummary> openSummaries = new ArrayList<>();
            for (OpenPeriod period : sorted()) {
                if (period.tally().currency().equals(currency)) {
                    openSummaries.add(PeriodSummary.of(
                            period.tally(),
                            levelsAt(currency, period.tally().period().start())));
                    levels = levels.after(period.tally());
                }
            }
            return current.figures(levels, openSummaries, config.strategy(), asOf);
        }

        /** Paying accounts and MRR at {@code start}: the closed totals plus every open period before it. */
        private Levels levelsAt(String currency, Instant start) {
            Levels levels = totals(currency).closed();
            for (OpenPeriod period : open) {
                if (period.tally().currency().equals(currency)
                        && period.tally().period().start().isBefore(start)) {
                    levels = levels.after(period.tally());
                }
            }
            return levels;
        }

        private List<OpenPeriod> sorted() {
            return open.stream()
                    .sorted(Comparator.comparing(
                                    (OpenPeriod p) -> p.tally().period().start())
                            .thenComparing(p -> p.tally().currency()))
                    .toList();
        }

        private OpenPeriod find(PeriodTally tally) {
            return open.stream()
                    .filter(p -> p.tally().period().equals(tally.period())
                            && p.tally().currency().equals(tally.currency()))
                    .findFirst()
                    .orElse(null);
        }

        private PortfolioTotals totals(String currency) {
            return totals.getOrDefault(currency, PortfolioTotals.empty(currency));
        }

        private Emission allTime(String currency) {
            return allTime.getOrDefault(currency, Emission.NEVER);
        }

        Update update() {
            return new Update(new KpiLedger(clocks, totals, open, allTime, segmentChurn), reports, late);
        }
    }
}
