package io.healthstream.topology.testdata;

import io.healthstream.avro.CohortRetention;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.PortfolioKpis;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Monthly portfolio KPIs computed the slow, obvious way, straight from issue 6's definitions: drop
 * repeated event ids, sort by event time, walk the events once keeping each account's billing status
 * and MRR, and read the levels at each month boundary off every account. Shares no code with the
 * topology or the scoring KPI classes; it is the yardstick the streaming {@code final} records are
 * held against. Only the PortfolioKpis contract is shared.
 */
public final class BatchKpiCalculator {
    private final List<String> onboardingSteps;
    private final double grossMargin;
    private final long cac;
    private final String strategy;
    private final List<String> headline;

    public BatchKpiCalculator(
            List<String> onboardingSteps, double grossMargin, long cac, String strategy, List<String> headline) {
        this.onboardingSteps = onboardingSteps;
        this.grossMargin = grossMargin;
        this.cac = cac;
        this.strategy = strategy;
        this.headline = headline;
    }

    /** Past due this long counts as churned (billing.past-due.churn-after-days' default). */
    private static final Duration CHURN_AFTER_PAST_DUE = Duration.ofDays(30);

    /** What an account looks like at one point of the walk. */
    private static final class Account {
        String currency;
        String status = "none";
        long mrr;
        Instant pastDueSince;
        boolean delinquent;
        YearMonth cohort;
        long startingMrr;
        final Set<String> steps = new HashSet<>();

        boolean paying() {
            return status.equals("active") || (status.equals("past-due") && !delinquent);
        }

        void apply(SubscriptionEvent s) {
            boolean wasPastDue = status.equals("past-due");
            status = statusAfter(status, s.getType().name());
            mrr = s.getMrrAfter();
            currency = s.getCurrency();
            if (!status.equals("past-due")) {
                pastDueSince = null;
                delinquent = false;
            } else if (!wasPastDue) {
                pastDueSince = s.getOccurredAt();
            }
            if (cohort == null && paying()) {
                cohort = YearMonth.from(s.getOccurredAt().atZone(ZoneOffset.UTC));
                startingMrr = mrr;
            }
        }

        /** The moment before {@code until} at which this account turned delinquent, or null. */
        Instant turnDelinquentBefore(Instant until) {
            if (!status.equals("past-due") || delinquent) {
                return null;
            }
            Instant moment = pastDueSince.plus(CHURN_AFTER_PAST_DUE);
            if (!moment.isBefore(until)) {
                return null;
            }
            delinquent = true;
            return moment;
        }
    }

    /** What one month of one currency has counted. */
    private static final class Month {
        long startAccounts;
        long startMrr;
        long endAccounts;
        long endMrr;
        final List<CohortRetention> cohorts = new ArrayList<>();
        long newAccounts;
        long churnedAccounts;
        long churnedInvoluntary;
        long reactivatedAccounts;
        final Map<String, Long> reasons = new TreeMap<>();
        long newMrr;
        long expansion;
        long contraction;
        long churnedMrr;
        long churnedMrrInvoluntary;
        long reactivationMrr;
        long trialsEnded;
        long trialsConverted;
        final Map<String, NpsResponse> latestAnswer = new HashMap<>();
        final Map<String, Boolean> onboarding = new HashMap<>();
        long logins;
        long invitesSent;
        long invitesAccepted;
        final Set<String> activeAccounts = new HashSet<>();
        final Set<String> activeUsers = new HashSet<>();
    }

    /** KPIs keyed by {@code <yyyy-MM>/<currency>} for every month up to {@code lastMonth} with an event. */
    public Map<String, PortfolioKpis> compute(List<SpecificRecord> arrivals, YearMonth lastMonth) {
        Map<String, SpecificRecord> unique = new LinkedHashMap<>();
        for (SpecificRecord event : arrivals) {
            unique.putIfAbsent(field(event, "event_id").toString(), event);
        }
        List<SpecificRecord> events = new ArrayList<>(unique.values());
        events.sort(Comparator.comparing(e -> (Instant) field(e, "occurred_at")));

        Map<String, Account> accounts = new HashMap<>();
        Map<String, Month> months = new TreeMap<>();
        for (SpecificRecord event : events) {
            YearMonth month = YearMonth.from(((Instant) field(event, "occurred_at")).atZone(ZoneOffset.UTC));
            if (month.isAfter(lastMonth)) {
                break;
            }
            String accountId = field(event, "account_id").toString();
            churnDelinquent(accounts, (Instant) field(event, "occurred_at"), months);
            Account account = accounts.computeIfAbsent(accountId, id -> new Account());
            if (event instanceof SubscriptionEvent s && account.currency == null) {
                account.currency = s.getCurrency();
            }
            Month m = months.computeIfAbsent(month + "/" + account.currency, k -> new Month());
            if (event instanceof SubscriptionEvent s) {
                subscription(account, s, m);
            } else if (event instanceof UsageEvent u) {
                usage(accountId, account, u, m);
            } else if (event instanceof NpsResponse n) {
                m.latestAnswer.merge(accountId + "/" + n.getUserId(), n, BatchKpiCalculator::later);
            }
        }
        Map<String, PortfolioKpis> result = new TreeMap<>();
        months.forEach((key, m) -> {
            YearMonth month = YearMonth.parse(key.substring(0, 7));
            String currency = key.substring(8);
            levels(events, month, currency, m);
            result.put(key, kpis(month, currency, m));
        });
        return result;
    }

    /** Every account still past due 30 days after its spell began, before {@code until}, churns then. */
    private static void churnDelinquent(Map<String, Account> accounts, Instant until, Map<String, Month> months) {
        for (Account account : accounts.values()) {
            long mrr = account.mrr;
            Instant moment = account.turnDelinquentBefore(until);
            if (moment != null) {
                YearMonth month = YearMonth.from(moment.atZone(ZoneOffset.UTC));
                Month m = months.computeIfAbsent(month + "/" + account.currency, k -> new Month());
                m.churnedAccounts++;
                m.churnedInvoluntary++;
                m.churnedMrr += mrr;
                m.churnedMrrInvoluntary += mrr;
                m.reasons.merge("DELINQUENT", 1L, Long::sum);
            }
        }
    }

    private static void subscription(Account account, SubscriptionEvent s, Month m) {
        boolean wasPaying = account.paying();
        String before = account.delinquent ? "delinquent" : account.status;
        long mrrBefore = account.mrr;
        account.apply(s);
        if (!wasPaying && account.paying()) {
            if (before.equals("cancelled") || before.equals("delinquent")) {
                m.reactivatedAccounts++;
                m.reactivationMrr += account.mrr;
            } else {
                m.newAccounts++;
                m.newMrr += account.mrr;
            }
        }
        if (wasPaying && !account.paying()) {
            m.churnedAccounts++;
            m.churnedMrr += mrrBefore;
            String reason = s.getCancellationReason() == null
                    ? "OTHER"
                    : s.getCancellationReason().name();
            m.reasons.merge(reason, 1L, Long::sum);
        }
        if (wasPaying && account.paying()) {
            if (account.mrr > mrrBefore) {
                m.expansion += account.mrr - mrrBefore;
            } else {
                m.contraction += mrrBefore - account.mrr;
            }
        }
        if (before.equals("trial") && !account.status.equals("trial")) {
            m.trialsEnded++;
            if (account.paying()) {
                m.trialsConverted++;
            }
        }
    }

    /** The billing status a subscription event leaves behind (SubscriptionEvent's documented types). */
    private static String statusAfter(String status, String type) {
        switch (type) {
            case "TRIAL_STARTED":
                return "trial";
            case "TRIAL_CONVERTED":
            case "SUBSCRIPTION_STARTED":
            case "REACTIVATED":
            case "PAYMENT_SUCCEEDED":
            case "RENEWED":
                return "active";
            case "PAYMENT_FAILED":
                return "past-due";
            case "TRIAL_EXPIRED":
            case "CANCELLED":
                return "cancelled";
            default:
                return status.equals("none") ? "active" : status;
        }
    }

    private void usage(String accountId, Account account, UsageEvent u, Month m) {
        m.activeAccounts.add(accountId);
        m.activeUsers.add(accountId + "/" + u.getUserId());
        if (u.getAction().equals("login")) {
            m.logins += u.getCount();
        } else if (u.getAction().equals("invite_sent")) {
            m.invitesSent += u.getCount();
        } else if (u.getAction().equals("invite_accepted")) {
            m.invitesAccepted += u.getCount();
        } else if (u.getAction().equals("onboarding_step_completed") && u.getOnboardingStep() != null) {
            account.steps.add(u.getOnboardingStep());
            boolean done = account.steps.containsAll(onboardingSteps);
            m.onboarding.put(accountId, m.onboarding.getOrDefault(accountId, false) || done);
        }
    }

    private static NpsResponse later(NpsResponse a, NpsResponse b) {
        int byTime = a.getOccurredAt().compareTo(b.getOccurredAt());
        if (byTime != 0) {
            return byTime > 0 ? a : b;
        }
        return a.getEventId().compareTo(b.getEventId()) >= 0 ? a : b;
    }

    /** Paying accounts and MRR of the currency at the month's first and last instant, by replaying each account. */
    private static void levels(List<SpecificRecord> events, YearMonth month, String currency, Month m) {
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, Account> atStart = replayUntil(events, start);
        Map<String, Account> atEnd = replayUntil(events, end);
        for (Account a : atStart.values()) {
            if (a.paying() && currency.equals(a.currency)) {
                m.startAccounts++;
                m.startMrr += a.mrr;
            }
        }
        for (Account a : atEnd.values()) {
            if (a.paying() && currency.equals(a.currency)) {
                m.endAccounts++;
                m.endMrr += a.mrr;
            }
        }
        cohorts(atEnd.values(), month, currency, m);
    }

    /** The cohort table's cells at the month's end: each signup month of the last 12, its members summed. */
    private static void cohorts(Collection<Account> accounts, YearMonth month, String currency, Month m) {
        Map<YearMonth, long[]> sums = new TreeMap<>();
        for (Account a : accounts) {
            if (a.cohort == null
                    || !currency.equals(a.currency)
                    || a.cohort.plusMonths(12).isBefore(month)) {
                continue;
            }
            long mrr = a.paying() ? a.mrr : 0;
            long[] sum = sums.computeIfAbsent(a.cohort, c -> new long[3]);
            sum[0] += a.startingMrr;
            sum[1] += mrr;
            sum[2] += Math.min(mrr, a.startingMrr);
        }
        sums.forEach((cohort, sum) -> {
            if (sum[0] != 0 || sum[1] != 0 || sum[2] != 0) {
                m.cohorts.add(new CohortRetention(
                        cohort.toString(),
                        (int) cohort.until(month, java.time.temporal.ChronoUnit.MONTHS),
                        sum[0],
                        sum[1],
                        sum[0] == 0 ? null : 100.0 * sum[1] / sum[0],
                        sum[0] == 0 ? null : 100.0 * sum[2] / sum[0]));
            }
        });
    }

    private static Map<String, Account> replayUntil(List<SpecificRecord> events, Instant until) {
        Map<String, Account> accounts = new HashMap<>();
        for (SpecificRecord event : events) {
            Instant at = (Instant) field(event, "occurred_at");
            if (!at.isBefore(until)) {
                break;
            }
            accounts.values().forEach(a -> a.turnDelinquentBefore(at));
            if (event instanceof SubscriptionEvent s) {
                accounts.computeIfAbsent(s.getAccountId(), id -> new Account()).apply(s);
            }
        }
        accounts.values().forEach(a -> a.turnDelinquentBefore(until));
        return accounts;
    }

    private PortfolioKpis kpis(YearMonth month, String currency, Month m) {
        List<String> notes = new ArrayList<>();
        Double churn = m.startAccounts == 0 ? null : 100.0 * m.churnedAccounts / m.startAccounts;
        Double arpa = m.endAccounts == 0 ? null : (double) m.endMrr / m.endAccounts;
        Double lifetime = churn == null || churn == 0 ? null : 100.0 / churn;
        Double ltv = arpa == null || lifetime == null ? null : arpa / (churn / 100) * grossMargin;
        Double ltvToCac = ltv == null ? null : ltv / cac;
        long promoters =
                m.latestAnswer.values().stream().filter(a -> a.getScore() >= 9).count();
        long detractors =
                m.latestAnswer.values().stream().filter(a -> a.getScore() <= 6).count();
        long passives = m.latestAnswer.size() - promoters - detractors;
        long activated = m.onboarding.values().stream().filter(done -> done).count();
        int days = month.lengthOfMonth();
        nullNote(notes, churn, "churn_rate_pct");
        nullNote(notes, m.startMrr == 0 ? null : 0.0, "nrr_pct");
        nullNote(notes, m.startMrr == 0 ? null : 0.0, "grr_pct");
        nullNote(notes, arpa, "arpa");
        nullNote(notes, lifetime, "lifetime_months");
        nullNote(notes, ltv, "ltv");
        nullNote(notes, ltvToCac, "ltv_to_cac");
        Double nps = m.latestAnswer.isEmpty() ? null : 100.0 * (promoters - detractors) / m.latestAnswer.size();
        Double trial = m.trialsEnded == 0 ? null : 100.0 * m.trialsConverted / m.trialsEnded;
        Double activation = m.onboarding.isEmpty() ? null : 100.0 * activated / m.onboarding.size();
        Double k = m.activeUsers.isEmpty() || m.invitesSent == 0
                ? null
                : ((double) m.invitesSent / m.activeUsers.size()) * ((double) m.invitesAccepted / m.invitesSent);
        Double sessions = m.activeAccounts.isEmpty() ? null : (double) m.logins / m.activeAccounts.size() / days;
        nullNote(notes, nps, "nps");
        nullNote(notes, trial, "trial_to_paid_pct");
        nullNote(notes, activation, "activation_pct");
        nullNote(notes, k, "k_factor");
        nullNote(notes, sessions, "sessions_per_day");
        return PortfolioKpis.newBuilder()
                .setPeriod(month.toString())
                .setPeriodStart(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .setPeriodEnd(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .setCurrency(currency)
                .setFinal$(true)
                .setAccountsStart(m.startAccounts)
                .setAccountsNew(m.newAccounts)
                .setAccountsChurned(m.churnedAccounts)
                .setAccountsReactivated(m.reactivatedAccounts)
                .setAccountsChurnedVoluntary(m.churnedAccounts - m.churnedInvoluntary)
                .setAccountsChurnedInvoluntary(m.churnedInvoluntary)
                .setAccountsEnd(m.endAccounts)
                .setChurnedByReason(m.reasons)
                .setChurnRatePct(churn)
                .setMrrStart(m.startMrr)
                .setMrrNew(m.newMrr)
                .setMrrExpansion(m.expansion)
                .setMrrContraction(m.contraction)
                .setMrrChurned(m.churnedMrr)
                .setMrrReactivation(m.reactivationMrr)
                .setMrrChurnedVoluntary(m.churnedMrr - m.churnedMrrInvoluntary)
                .setMrrChurnedInvoluntary(m.churnedMrrInvoluntary)
                .setCohorts(m.cohorts)
                .setMrrEnd(m.endMrr)
                .setNrrPct(
                        m.startMrr == 0
                                ? null
                                : 100.0 * (m.startMrr + m.expansion - m.contraction - m.churnedMrr) / m.startMrr)
                .setGrrPct(m.startMrr == 0 ? null : 100.0 * (m.startMrr - m.contraction - m.churnedMrr) / m.startMrr)
                .setNegativeChurn(m.expansion > m.churnedMrr)
                .setArpa(arpa)
                .setLifetimeMonths(lifetime)
                .setLtv(ltv)
                .setLtvToCac(ltvToCac)
                .setLtvToCacBelowTarget(ltvToCac == null ? null : ltvToCac < 3)
                .setNpsPromoters(promoters)
                .setNpsPassives(passives)
                .setNpsDetractors(detractors)
                .setNps(nps)
                .setTrialToPaidPct(trial)
                .setActivationPct(activation)
                .setKFactor(k)
                .setSessionsPerDay(sessions)
                .setAccountsByBand(null)
                .setNrrTrailing12mPct(null)
                .setStrategy(strategy)
                .setHeadline(headline)
                .setNotes(notes)
                .setComputedAt(Instant.EPOCH)
                .build();
    }

    /** Notes name the null field first; the wording is the topology's business. */
    private static void nullNote(List<String> notes, Double value, String field) {
        if (value == null) {
            notes.add(field);
        }
    }

    private static Object field(SpecificRecord event, String name) {
        return ((GenericRecord) event).get(name);
    }
}
