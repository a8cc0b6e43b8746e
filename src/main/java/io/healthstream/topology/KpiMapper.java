package io.healthstream.topology;

import io.healthstream.avro.CohortRetention;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.KpiBandDelta;
import io.healthstream.avro.KpiDelta;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.StoredClosedCohort;
import io.healthstream.avro.StoredCohortMrr;
import io.healthstream.avro.StoredKpiClocks;
import io.healthstream.avro.StoredKpiLedger;
import io.healthstream.avro.StoredKpiTally;
import io.healthstream.avro.StoredKpiTotals;
import io.healthstream.avro.StoredPeriodSummary;
import io.healthstream.avro.StoredSegmentChurn;
import io.healthstream.avro.StoredSegmentChurnCounts;
import io.healthstream.avro.StoredSegmentChurnRates;
import io.healthstream.avro.StoredSegmentMonth;
import io.healthstream.avro.StoredSourceClock;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.kpi.AllTimeFigures;
import io.healthstream.scoring.kpi.CohortCell;
import io.healthstream.scoring.kpi.CohortMrr;
import io.healthstream.scoring.kpi.KpiBatch;
import io.healthstream.scoring.kpi.KpiLedger;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.Levels;
import io.healthstream.scoring.kpi.PeriodSummary;
import io.healthstream.scoring.kpi.PeriodTally;
import io.healthstream.scoring.kpi.PortfolioFigures;
import io.healthstream.scoring.kpi.PortfolioTotals;
import io.healthstream.scoring.kpi.SegmentChurn;
import io.healthstream.scoring.kpi.SegmentChurnHistory;
import io.healthstream.scoring.kpi.SegmentChurnRates;
import io.healthstream.scoring.kpi.SegmentMonth;
import io.healthstream.scoring.kpi.SourceClocks;
import io.healthstream.scoring.kpi.TierCounts;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Converts KPI reports to PortfolioKpis records, and the KPI ledger and the tasks' deltas to their Avro form and back. */
public final class KpiMapper {
    private KpiMapper() {}

    /** The segment churn topic's key of how far the months are closed; the rates go under their month, e.g. 2026-05. */
    public static final String CLOSED_MONTHS_KEY = "closed";

    /** Key of the tasks' deltas on the one-partition KPI route. */
    public static final String DELTA_KEY = "kpi-delta";

    /** The record key of a period's KPIs: {@code <period>/<currency>}, e.g. 2026-03/USD. */
    public static String key(String period, String currency) {
        return period + "/" + currency;
    }

    /** A published report as a record; {@code computedAt} is the processing time. */
    public static PortfolioKpis toRecord(KpiLedger.Report report, Instant computedAt) {
        return report instanceof KpiLedger.PeriodReport period
                ? toRecord(period.figures(), computedAt)
                : toRecord(((KpiLedger.AllTimeReport) report).figures(), computedAt);
    }

    /** The record key of a report: {@code <period>/<currency>}. */
    public static String key(KpiLedger.Report report) {
        return report instanceof KpiLedger.PeriodReport period
                ? key(period.figures().period().label(), period.figures().currency())
                : key(
                        AllTimeFigures.PERIOD,
                        ((KpiLedger.AllTimeReport) report).figures().currency());
    }

    public static PortfolioKpis toRecord(PortfolioFigures f, Instant computedAt) {
        return PortfolioKpis.newBuilder()
                .setPeriod(f.period().label())
                .setPeriodStart(f.period().start())
                .setPeriodEnd(f.period().end())
                .setCurrency(f.currency())
                .setFinal$(f.isFinal())
                .setAccountsStart(f.start().accounts())
                .setAccountsNew(f.accountsNew())
                .setAccountsChurned(f.accountsChurned())
                .setAccountsReactivated(f.accountsReactivated())
                .setAccountsEnd(f.end().accounts())
                .setChurnedByReason(new TreeMap<>(f.churnedByReason()))
                .setAccountsChurnedVoluntary(f.accountsChurnedVoluntary())
                .setAccountsChurnedInvoluntary(f.revenue().accountsChurnedInvoluntary())
                .setChurnRatePct(f.churnRatePct())
                .setMrrStart(f.start().mrr())
                .setMrrNew(f.mrrNew())
                .setMrrExpansion(f.mrrExpansion())
                .setMrrContraction(f.mrrContraction())
                .setMrrChurned(f.mrrChurned())
                .setMrrChurnedVoluntary(f.mrrChurnedVoluntary())
                .setMrrChurnedInvoluntary(f.revenue().mrrChurnedInvoluntary())
                .setMrrReactivation(f.mrrReactivation())
                .setMrrEnd(f.end().mrr())
                .setMovementsReconcile(f.revenue().movementsReconcile())
                .setNrrPct(f.nrrPct())
                .setGrrPct(f.grrPct())
                .setNegativeChurn(f.negativeChurn())
                .setArpa(f.arpa())
                .setLifetimeMonths(f.lifetimeMonths())
                .setLtv(f.ltv())
                .setLtvToCac(f.ltvToCac())
                .setLtvToCacBelowTarget(f.ltvToCacBelowTarget())
                .setRetentionCostPerAccount(f.revenue().retentionCostPerAccount())
                .setLtvToCrc(f.revenue().ltvToCrc())
                .setLtvToCrcTooLow(f.revenue().ltvToCrcTooLow())
                .setCohorts(
                        f.revenue().cohorts().stream().map(KpiMapper::toRecord).toList())
                .setNpsPromoters(f.npsPromoters())
                .setNpsPassives(f.npsPassives())
                .setNpsDetractors(f.npsDetractors())
                .setNps(f.nps())
                .setTrialToPaidPct(f.trialToPaidPct())
                .setActivationPct(f.activationPct())
                .setKFactor(f.kFactor())
                .setSessionsPerDay(f.sessionsPerDay())
                .setStrategy(f.strategy().name())
                .setHeadline(f.strategy().headline())
                .setNotes(f.notes())
                .setComputedAt(computedAt)
                .setAsOf(f.asOf())
                .build();
    }

    /** The running record: current levels, bands and trailing NRR; period movements stay 0. */
    public static PortfolioKpis toRecord(AllTimeFigures f, Instant computedAt) {
        Map<String, Long> byBand = new TreeMap<>();
        f.accountsByBand().forEach((band, count) -> byBand.put(band.name(), count));
        return PortfolioKpis.newBuilder()
                .setPeriod(AllTimeFigures.PERIOD)
                .setCurrency(f.currency())
                .setFinal$(false)
                .setAccountsStart(0)
                .setAccountsNew(0)
                .setAccountsChurned(0)
                .setAccountsReactivated(0)
                .setAccountsEnd(f.now().accounts())
                .setChurnedByReason(Map.of())
                .setMrrStart(0)
                .setMrrNew(0)
                .setMrrExpansion(0)
                .setMrrContraction(0)
                .setMrrChurned(0)
                .setMrrReactivation(0)
                .setMrrEnd(f.now().mrr())
                .setNegativeChurn(false)
                .setNpsPromoters(0)
                .setNpsPassives(0)
                .setNpsDetractors(0)
                .setAccountsByBand(byBand)
                .setNrrTrailing12mPct(f.nrrTrailing12mPct())
                .setStrategy(f.strategy().name())
                .setHeadline(f.strategy().headline())
                .setNotes(f.notes())
                .setComputedAt(computedAt)
                .setAsOf(f.asOf())
                .build();
    }

    /** The stored tally; emission bookkeeping ({@code last_emitted_at}, {@code pending}) is left to the caller. */
    public static StoredKpiTally toStored(PeriodTally t) {
        return StoredKpiTally.newBuilder()
                .setPeriod(t.period().label())
                .setPeriodStart(t.period().start())
                .setPeriodEnd(t.period().end())
                .setCurrency(t.currency())
                .setAccountsNew(t.accountsNew())
                .setAccountsChurned(t.accountsChurned())
                .setAccountsReactivated(t.accountsReactivated())
                .setChurnedByReason(new HashMap<>(t.churnedByReason()))
                .setMrrNew(t.mrrNew())
                .setMrrExpansion(t.mrrExpansion())
                .setMrrContraction(t.mrrContraction())
                .setMrrChurned(t.mrrChurned())
                .setMrrReactivation(t.mrrReactivation())
                .setAccountsChurnedInvoluntary(t.accountsChurnedInvoluntary())
                .setMrrChurnedInvoluntary(t.mrrChurnedInvoluntary())
                .setMrrNet(t.mrrNet())
                .setPayingLowTouch(t.payingTiers().lowTouch())
                .setPayingMidTouch(t.payingTiers().midTouch())
                .setPayingHighTouch(t.payingTiers().highTouch())
                .setCohorts(t.cohorts().entrySet().stream()
                        .map(e -> new StoredCohortMrr(
                                e.getKey(),
                                e.getValue().starting(),
                                e.getValue().mrr(),
                                e.getValue().grossMrr()))
                        .toList())
                .setTrialsEnded(t.trialsEnded())
                .setTrialsConverted(t.trialsConverted())
                .setNpsPromoters(t.npsPromoters())
                .setNpsPassives(t.npsPassives())
                .setNpsDetractors(t.npsDetractors())
                .setOnboardingStarted(t.onboardingStarted())
                .setOnboardingCompleted(t.onboardingCompleted())
                .setLogins(t.logins())
                .setInvitesSent(t.invitesSent())
                .setInvitesAccepted(t.invitesAccepted())
                .setActiveAccounts(t.activeAccounts())
                .setActiveUsers(t.activeUsers())
                .setPayingBySegment(t.payingBySegment())
                .setChurnedBySegment(t.churnedBySegment())
                .build();
    }

    public static PeriodTally toDomain(StoredKpiTally s) {
        return new PeriodTally(
                new KpiPeriod.Period(s.getPeriod(), s.getPeriodStart(), s.getPeriodEnd()),
                s.getCurrency(),
                s.getAccountsNew(),
                s.getAccountsChurned(),
                s.getAccountsReactivated(),
                s.getChurnedByReason(),
                s.getMrrNew(),
                s.getMrrExpansion(),
                s.getMrrContraction(),
                s.getMrrChurned(),
                s.getMrrReactivation(),
                s.getAccountsChurnedInvoluntary(),
                s.getMrrChurnedInvoluntary(),
                netOf(s),
                new TierCounts(s.getPayingLowTouch(), s.getPayingMidTouch(), s.getPayingHighTouch()),
                cohorts(
                        s.getCohorts(),
                        c -> c.getCohortStart(),
                        c -> new CohortMrr(c.getStartingMrr(), c.getMrr(), c.getGrossMrr())),
                s.getTrialsEnded(),
                s.getTrialsConverted(),
                s.getNpsPromoters(),
                s.getNpsPassives(),
                s.getNpsDetractors(),
                s.getOnboardingStarted(),
                s.getOnboardingCompleted(),
                s.getLogins(),
                s.getInvitesSent(),
                s.getInvitesAccepted(),
                s.getActiveAccounts(),
                s.getActiveUsers(),
                s.getPayingBySegment(),
                s.getChurnedBySegment());
    }

    private static <T> Map<Instant, CohortMrr> cohorts(
            List<T> stored, Function<T, Instant> start, Function<T, CohortMrr> levels) {
        Map<Instant, CohortMrr> cohorts = new TreeMap<>();
        stored.forEach(c -> cohorts.put(start.apply(c), levels.apply(c)));
        return cohorts;
    }

    private static CohortRetention toRecord(CohortCell cell) {
        return new CohortRetention(
                YearMonth.from(cell.cohort().atZone(ZoneOffset.UTC)).toString(),
                cell.ageMonths(),
                cell.mrrStart(),
                cell.mrr(),
                cell.nrrPct(),
                cell.grrPct());
    }

    /** A tally stored before mrr_net existed had no other MRR change than its movements. */
    private static long netOf(StoredKpiTally s) {
        return s.getMrrNet() != null
                ? s.getMrrNet()
                : s.getMrrNew()
                        + s.getMrrExpansion()
                        - s.getMrrContraction()
                        - s.getMrrChurned()
                        + s.getMrrReactivation();
    }

    /** The stored totals; emission bookkeeping is left to the caller. */
    public static StoredKpiTotals toStored(PortfolioTotals t) {
        Map<String, Long> byBand = new HashMap<>();
        t.accountsByBand().forEach((band, count) -> byBand.put(band.name(), count));
        return StoredKpiTotals.newBuilder()
                .setCurrency(t.currency())
                .setClosedAccounts(t.closed().accounts())
                .setClosedMrr(t.closed().mrr())
                .setClosedLowTouch(t.closed().tiers().lowTouch())
                .setClosedMidTouch(t.closed().tiers().midTouch())
                .setClosedHighTouch(t.closed().tiers().highTouch())
                .setClosedCohorts(t.closed().cohorts().entrySet().stream()
                        .map(e -> new StoredClosedCohort(
                                e.getKey(),
                                e.getValue().starting(),
                                e.getValue().mrr(),
                                e.getValue().grossMrr()))
                        .toList())
                .setAccountsByBand(byBand)
                .setHistory(t.history().stream()
                        .map(h -> new StoredPeriodSummary(
                                h.start(), h.mrrStart(), h.expansion(), h.contraction(), h.churned()))
                        .toList())
                .build();
    }

    public static PortfolioTotals toDomain(StoredKpiTotals s) {
        Map<Band, Long> byBand = new EnumMap<>(Band.class);
        s.getAccountsByBand().forEach((band, count) -> byBand.put(Band.valueOf(band), count));
        List<PeriodSummary> history = new ArrayList<>();
        s.getHistory()
                .forEach(h -> history.add(new PeriodSummary(
                        h.getStart(), h.getMrrStart(), h.getExpansion(), h.getContraction(), h.getChurned())));
        return new PortfolioTotals(
                s.getCurrency(),
                new Levels(
                        s.getClosedAccounts(),
                        s.getClosedMrr(),
                        new TierCounts(s.getClosedLowTouch(), s.getClosedMidTouch(), s.getClosedHighTouch()),
                        cohorts(
                                s.getClosedCohorts(),
                                c -> c.getCohortStart(),
                                c -> new CohortMrr(c.getStartingMrr(), c.getMrr(), c.getGrossMrr()))),
                byBand,
                history);
    }

    public static StoredKpiClocks toStored(SourceClocks c) {
        return new StoredKpiClocks(
                c.clocks().entrySet().stream()
                        .map(e -> new StoredSourceClock(
                                e.getKey(), e.getValue().at(), e.getValue().movedAt()))
                        .toList(),
                c.watermark());
    }

    public static SourceClocks toDomain(StoredKpiClocks s) {
        Map<Integer, SourceClocks.Clock> clocks = new HashMap<>();
        s.getClocks().forEach(c -> clocks.put(c.getPartition(), new SourceClocks.Clock(c.getAt(), c.getMovedAt())));
        return new SourceClocks(clocks, s.getWatermark());
    }

    /** The ledger's stored form: clocks, totals per currency with the all-time record's bookkeeping, open tallies. */
    public static StoredKpiLedger toStored(KpiLedger ledger) {
        Set<String> currencies = new TreeSet<>(ledger.totals().keySet());
        currencies.addAll(ledger.allTime().keySet());
        List<StoredKpiTotals> totals = new ArrayList<>();
        for (String currency : currencies) {
            StoredKpiTotals stored = toStored(ledger.totals().getOrDefault(currency, PortfolioTotals.empty(currency)));
            KpiLedger.Emission emission = ledger.allTime().get(currency);
            if (emission != null) {
                stored.setLastEmittedAt(emission.lastEmittedAt());
                stored.setPendingSince(emission.pendingSince());
            }
            totals.add(stored);
        }
        List<StoredKpiTally> open = ledger.open().stream()
                .map(period -> {
                    StoredKpiTally stored = toStored(period.tally());
                    stored.setLastEmittedAt(period.emission().lastEmittedAt());
                    stored.setPendingSince(period.emission().pendingSince());
                    return stored;
                })
                .toList();
        return new StoredKpiLedger(toStored(ledger.clocks()), totals, open, toStored(ledger.segmentChurn()));
    }

    public static KpiLedger toDomain(StoredKpiLedger stored) {
        Map<String, PortfolioTotals> totals = new HashMap<>();
        Map<String, KpiLedger.Emission> allTime = new HashMap<>();
        for (StoredKpiTotals t : stored.getTotals()) {
            totals.put(t.getCurrency(), toDomain(t));
            allTime.put(t.getCurrency(), new KpiLedger.Emission(t.getLastEmittedAt(), t.getPendingSince()));
        }
        List<KpiLedger.OpenPeriod> open = stored.getOpen().stream()
                .map(t -> new KpiLedger.OpenPeriod(
                        toDomain(t), new KpiLedger.Emission(t.getLastEmittedAt(), t.getPendingSince())))
                .toList();
        return new KpiLedger(toDomain(stored.getClocks()), totals, open, allTime, toDomain(stored.getSegmentChurn()));
    }

    /** A month's segment churn rates as the ledger publishes them to the segment churn topic. */
    public static StoredSegmentChurnRates toStored(SegmentChurnRates rates) {
        Map<String, StoredSegmentChurnCounts> segments = new TreeMap<>();
        rates.segments()
                .forEach((segment, churn) -> segments.put(
                        segment,
                        new StoredSegmentChurnCounts(
                                churn.accountsStart(), churn.accountsLost(), churn.rateSum(), churn.ratedMonths())));
        return new StoredSegmentChurnRates(rates.through().toString(), rates.months(), null, segments);
    }

    /** How far the months are closed and where the churn history starts, as the marker under {@link #CLOSED_MONTHS_KEY}. */
    public static StoredSegmentChurnRates toStored(KpiLedger.MonthsClosedReport closed) {
        return new StoredSegmentChurnRates(
                closed.closedThrough().toString(),
                0,
                closed.first() == null ? null : closed.first().toString(),
                Map.of());
    }

    public static SegmentChurnRates toDomain(StoredSegmentChurnRates stored) {
        Map<String, SegmentChurn> segments = new TreeMap<>();
        stored.getSegments()
                .forEach((segment, counts) -> segments.put(
                        segment,
                        new SegmentChurn(
                                counts.getAccountsStart(),
                                counts.getAccountsLost(),
                                counts.getRateSum(),
                                counts.getRatedMonths())));
        return new SegmentChurnRates(YearMonth.parse(stored.getThrough()), stored.getMonths(), segments);
    }

    private static StoredSegmentChurn toStored(SegmentChurnHistory history) {
        return new StoredSegmentChurn(
                history.first() == null ? null : history.first().toString(),
                history.closedThrough() == null ? null : history.closedThrough().toString(),
                history.paying(),
                history.months().stream()
                        .map(m -> new StoredSegmentMonth(m.month().toString(), m.start(), m.lost()))
                        .toList());
    }

    private static SegmentChurnHistory toDomain(StoredSegmentChurn stored) {
        return new SegmentChurnHistory(
                stored.getFirst() == null ? null : YearMonth.parse(stored.getFirst()),
                stored.getClosedThrough() == null ? null : YearMonth.parse(stored.getClosedThrough()),
                stored.getPaying(),
                stored.getMonths().stream()
                        .map(m -> new SegmentMonth(YearMonth.parse(m.getMonth()), m.getStart(), m.getLost()))
                        .toList());
    }

    /** A batch as the delta record a task sends, with the task's partition and clock. */
    public static KpiDelta toDelta(KpiBatch batch, int partition, Instant clock, boolean endOfInput) {
        List<KpiBandDelta> bands = new ArrayList<>();
        batch.bandDeltas()
                .forEach((currency, deltas) -> deltas.forEach((band, delta) ->
                        bands.add(new KpiBandDelta(currency, HealthBand.valueOf(band.name()), delta))));
        return new KpiDelta(
                partition,
                clock,
                batch.tallies().stream().map(KpiMapper::toStored).toList(),
                bands,
                endOfInput);
    }

    public static KpiBatch toBatch(KpiDelta delta) {
        Map<String, Map<Band, Long>> bands = new HashMap<>();
        delta.getBandDeltas()
                .forEach(d -> bands.computeIfAbsent(d.getCurrency(), c -> new EnumMap<>(Band.class))
                        .merge(Band.valueOf(d.getBand().name()), d.getDelta(), Long::sum));
        return new KpiBatch(delta.getTallies().stream().map(KpiMapper::toDomain).toList(), bands);
    }
}
