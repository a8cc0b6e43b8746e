package io.healthstream.topology;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.StoredPendingHealth;
import io.healthstream.avro.StoredSegmentChurnRates;
import io.healthstream.avro.TouchTier;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.TouchModel;
import io.healthstream.scoring.kpi.AccountLtv;
import io.healthstream.scoring.kpi.AccountSnapshot;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.SegmentChurnRates;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Adds each AccountHealth record's per-account LTV and LTV:CRC ({@link AccountLtv}), and holds the record back
 * while the segment churn rate its LTV divides by is not published yet: the KPI ledger publishes a month's rates
 * once every account task's clock has passed the month, so a record may be computed before its rate exists (a
 * catch-up, a replay, the first seconds after start). Waiting, rather than going out without, makes the value
 * depend on the events alone. Held records wait in the {@code ltv-pending} store in order; while one of an
 * account's records waits, its later ones wait behind it, so each account's records keep their order.
 */
final class LtvGate {
    /**
     * At most this many held records go out per call, so a long wait (the end of a replay, a catch-up) ends in
     * bounded steps: a replay drains its outputs between them, a live task commits.
     */
    static final int MAX_RELEASED_PER_CALL = 10_000;

    private static final char SEPARATOR = '\u0000';

    private final ReadOnlyKeyValueStore<String, StoredSegmentChurnRates> rates;
    private final KeyValueStore<String, StoredPendingHealth> pending;
    private final KpiConfig config;
    private final BiConsumer<String, AccountHealth> release;
    private final ProcessingListener listener;
    /** Per account with held records, the month its oldest one waits for; accounts in the order they began waiting. */
    private final Map<String, YearMonth> waiting = new LinkedHashMap<>();
    /**
     * The rates of the months found closed: a closed month's rates never change, and every AccountHealth record
     * reads them, so each is read from the global store and decoded once (a few dozen months in years).
     */
    private final Map<YearMonth, SegmentChurnRates> closedRates = new HashMap<>();

    private YearMonth earliestWaited;
    private long sequence;

    LtvGate(
            ReadOnlyKeyValueStore<String, StoredSegmentChurnRates> rates,
            KeyValueStore<String, StoredPendingHealth> pending,
            KpiConfig config,
            BiConsumer<String, AccountHealth> release,
            ProcessingListener listener) {
        this.rates = rates;
        this.pending = pending;
        this.config = config;
        this.release = release;
        this.listener = listener;
        try (KeyValueIterator<String, StoredPendingHealth> all = pending.all()) {
            all.forEachRemaining(entry -> {
                waiting.putIfAbsent(accountOf(entry.key), YearMonth.parse(entry.value.getRateMonth()));
                sequence = Math.max(sequence, sequenceOf(entry.key) + 1);
            });
        }
        earliestWaited = earliest();
    }

    /** Completes {@code health} and releases it, or holds it until the rate it needs is published. */
    void admit(String accountId, AccountHealth health, AccountSnapshot account, Instant asOf) {
        AccountLtv ltv = AccountLtv.of(account, account.segment(), asOf, this::closed, config);
        if (!ltv.rateMissing() && !waiting.containsKey(accountId)) {
            release.accept(accountId, completed(health, ltv));
            return;
        }
        YearMonth month = AccountLtv.rateMonth(asOf);
        pending.put(key(accountId, sequence++), held(health, account, month));
        listener.heldForLtv();
        waiting.putIfAbsent(accountId, month);
        earliestWaited = earliestWaited == null || month.isBefore(earliestWaited) ? month : earliestWaited;
    }

    /**
     * Releases, in order, the held records whose rate has been published since, up to {@link #MAX_RELEASED_PER_CALL}
     * of them.
     */
    void releaseReady() {
        if (earliestWaited == null || closed(earliestWaited).isEmpty()) {
            return;
        }
        int budget = MAX_RELEASED_PER_CALL;
        Iterator<Map.Entry<String, YearMonth>> accounts = waiting.entrySet().iterator();
        while (accounts.hasNext() && budget > 0) {
            Map.Entry<String, YearMonth> account = accounts.next();
            if (closed(account.getValue()).isEmpty()) {
                continue;
            }
            Release release = releaseAccount(account.getKey(), budget);
            budget -= release.count();
            if (release.stillWaiting().isEmpty()) {
                accounts.remove();
            } else {
                account.setValue(release.stillWaiting().get());
            }
        }
        earliestWaited = earliest();
    }

    /** How many of an account's records went out, and the month its next one waits for (empty: none is left). */
    private record Release(int count, Optional<YearMonth> stillWaiting) {}

    /** Releases up to {@code budget} of the account's held records, stopping at the first whose rate is unknown. */
    private Release releaseAccount(String accountId, int budget) {
        int count = 0;
        try (KeyValueIterator<String, StoredPendingHealth> held =
                pending.range(accountId + SEPARATOR, accountId + (char) (SEPARATOR + 1))) {
            while (held.hasNext()) {
                KeyValue<String, StoredPendingHealth> entry = held.next();
                StoredPendingHealth record = entry.value;
                AccountHealth health = record.getHealth();
                AccountLtv ltv =
                        AccountLtv.of(snapshot(record), record.getSegment(), health.getAsOf(), this::closed, config);
                if (ltv.rateMissing() || count == budget) {
                    return new Release(count, Optional.of(YearMonth.parse(record.getRateMonth())));
                }
                pending.delete(entry.key);
                release.accept(accountId, completed(health, ltv));
                listener.releasedAfterLtvWait();
                count++;
            }
        }
        return new Release(count, Optional.empty());
    }

    /**
     * The segments' trailing churn rates through {@code month} as the ledger published them; once the month is
     * closed and comes before the ledger's churn history, rates over no month; empty while the ledger has not closed
     * the month yet.
     */
    private Optional<SegmentChurnRates> closed(YearMonth month) {
        SegmentChurnRates known = closedRates.get(month);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SegmentChurnRates> found = lookUp(month);
        found.ifPresent(rates -> closedRates.put(month, rates));
        return found;
    }

    private Optional<SegmentChurnRates> lookUp(YearMonth month) {
        StoredSegmentChurnRates published = rates.get(month.toString());
        if (published != null) {
            return Optional.of(KpiMapper.toDomain(published));
        }
        StoredSegmentChurnRates closedMonths = rates.get(KpiMapper.CLOSED_MONTHS_KEY);
        if (closedMonths == null || month.isAfter(YearMonth.parse(closedMonths.getThrough()))) {
            return Optional.empty();
        }
        boolean beforeHistory =
                closedMonths.getFirst() == null || month.isBefore(YearMonth.parse(closedMonths.getFirst()));
        return beforeHistory ? Optional.of(SegmentChurnRates.noMonths(month)) : Optional.empty();
    }

    private YearMonth earliest() {
        return waiting.values().stream().min(YearMonth::compareTo).orElse(null);
    }

    private static AccountHealth completed(AccountHealth health, AccountLtv ltv) {
        health.setLtv(ltv.ltv());
        health.setLtvBasis(ltv.basis());
        health.setLtvToCrc(ltv.ltvToCrc());
        return health;
    }

    private static StoredPendingHealth held(AccountHealth health, AccountSnapshot account, YearMonth month) {
        return new StoredPendingHealth(
                health,
                month.toString(),
                account.currency(),
                account.billing().name(),
                account.delinquent(),
                account.mrr(),
                account.touch() == null
                        ? null
                        : TouchTier.valueOf(account.touch().name()),
                account.segment());
    }

    /** The facts {@link AccountLtv} reads, as the held record kept them. */
    private static AccountSnapshot snapshot(StoredPendingHealth held) {
        return new AccountSnapshot(
                held.getCurrency(),
                BillingStatus.valueOf(held.getBilling()),
                held.getMrr(),
                null,
                false,
                held.getDelinquent(),
                held.getTouchTier() == null
                        ? null
                        : TouchModel.valueOf(held.getTouchTier().name()),
                null,
                0,
                held.getSegment());
    }

    private static String key(String accountId, long sequence) {
        return accountId + SEPARATOR + String.format("%019d", sequence);
    }

    private static String accountOf(String key) {
        return key.substring(0, key.lastIndexOf(SEPARATOR));
    }

    private static long sequenceOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf(SEPARATOR) + 1));
    }
}
