package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.StoredPendingHealth;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per-account LTV through the whole topology, worked by hand. Ten accounts of the default segment start paying on
 * 1 December 2025, acc-x among them at 12 000 a month (MID_TOUCH); acc-1 cancels in February and acc-2 in May. The
 * ledger's churn history starts with December, its earliest month with a tally. Paying accounts at the month starts:
 * December 0, January 10, February 10, March 9, April 9, May 9, June 8. The trailing rate is the average of the
 * months' rates (ChartMogul's); December, begun with no paying account, has none.
 * <ul>
 *   <li>10 July (past the 7-day settle): January to June, rates 0, 1/10, 0, 0, 1/9, 0, on average
 *       (19/90) / 6 = 19/540 = 3.519 % a month; LTV = 12 000 x 0.8 x 540 / 19 = 272 842.11.</li>
 *   <li>3 July (settle not passed, so May's rates): December to May, five rates 0, 1/10, 0, 0, 1/9, on average
 *       19/450 = 4.222 %; LTV = 9 600 x 450 / 19 = 227 368.42.</li>
 *   <li>10 March: February's rates cover December to February, 3 months: not enough history.</li>
 *   <li>5 December 2025 (settle not passed): October's rates; October is closed (the ledger hears of 1 December)
 *       and comes before the history: no closed month.</li>
 * </ul>
 * LTV:CRC with kpis.crc.mid-touch 2 400: 9 600 / 2 400 = 4, whatever the churn.
 */
class AccountLtvTopologyTest {
    private static final Instant DECEMBER_1 = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant JULY_10 = Instant.parse("2026-07-10T00:00:00Z");

    private final TopologyHarness run =
            new TopologyHarness(Map.of("kpis.gross-margin", "0.8", "kpis.crc.mid-touch", "2400"), DECEMBER_1);
    private TestOutputTopic<String, AccountHealth> health;

    @BeforeEach
    void tenAccountsStartPaying() {
        health = run.output(Topics.ACCOUNT_HEALTH, AccountHealth.class);
        run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .id("start-x")
                .account("acc-x")
                .at(DECEMBER_1)
                .mrr(0, 12_000)
                .avro());
        for (int i = 1; i <= 9; i++) {
            run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                    .id("start-" + i)
                    .account("acc-" + i)
                    .at(DECEMBER_1)
                    .mrr(0, 10_000)
                    .avro());
        }
    }

    @AfterEach
    void close() {
        run.close();
    }

    private void cancel(String account, String at) {
        run.send(Events.subscription(SubscriptionChange.CANCELLED)
                .id("cancel-" + account)
                .account(account)
                .at(Instant.parse(at))
                .mrr(10_000, 0)
                .cancellationReason("PRICE")
                .avro());
    }

    /** acc-x's AccountHealth record caused by a promoter's first NPS answer at {@code at}. */
    private AccountHealth npsOfAccX(String at) {
        health.readValuesToList();
        String id = "nps-" + at;
        run.send(Events.nps(9)
                .id(id)
                .account("acc-x")
                .user("u-1")
                .at(Instant.parse(at))
                .avro());
        List<AccountHealth> records = health.readValuesToList().stream()
                .filter(record -> id.equals(record.getSourceEventId()))
                .toList();
        assertThat(records).as("acc-x's record for %s", id).hasSize(1);
        return records.get(0);
    }

    @Test
    @DisplayName("10 July: LTV 272 842.11 = 12 000 x 0.8 / the average of January to June's rates (19/540)")
    void ltvDividesByTheSegmentsSixMonthChurn() {
        cancel("acc-1", "2026-02-10T00:00:00Z");
        cancel("acc-2", "2026-05-10T00:00:00Z");

        AccountHealth july10 = npsOfAccX("2026-07-10T00:00:00Z");

        assertThat(july10.getLtv()).isCloseTo(9_600.0 * 540 / 19, offset(1e-6));
        assertThat(july10.getLtvBasis())
                .isEqualTo("MRR 12000 USD x gross margin 0.8 / monthly churn 3.52 % of segment default (the average"
                        + " of 6 monthly rates, 2026-01 to 2026-06; 2 lost of 55 paying at the month starts)");
        assertThat(july10.getLtvToCrc()).isCloseTo(4.0, offset(1e-9));
    }

    @Test
    @DisplayName("a record whose month's rate is not published yet waits, and the account's later records behind it")
    void recordsWaitForTheirRateInOrder() {
        cancel("acc-1", "2026-02-10T00:00:00Z");
        cancel("acc-2", "2026-05-10T00:00:00Z");
        health.readValuesToList();

        // The ledger has heard of no clock past 1 July yet, so June's rates are not published.
        run.pipeWithoutFlush(Events.nps(9)
                .id("nps-1")
                .account("acc-x")
                .user("u-1")
                .at(JULY_10)
                .avro());
        run.pipeWithoutFlush(Events.nps(0)
                .id("nps-2")
                .account("acc-x")
                .user("u-2")
                .at(JULY_10.plusSeconds(60))
                .avro());

        assertThat(health.readValuesToList()).isEmpty();
        assertThat(pendingRecords()).isEqualTo(2);
        int heldBefore = run.listener().heldForLtv;

        run.advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL); // the task's clock reaches the ledger
        run.advanceWallClock(AccountHealthProcessor.KPI_FLUSH_INTERVAL); // the next flush releases

        List<AccountHealth> released = health.readValuesToList();
        assertThat(released).extracting(AccountHealth::getSourceEventId).containsExactly("nps-1", "nps-2");
        assertThat(released)
                .allSatisfy(record -> assertThat(record.getLtv()).isCloseTo(9_600.0 * 540 / 19, offset(1e-6)));
        assertThat(pendingRecords()).isZero();
        assertThat(run.listener().releasedAfterLtvWait).isEqualTo(run.listener().heldForLtv);
        assertThat(heldBefore).isPositive();
    }

    private long pendingRecords() {
        try (KeyValueIterator<String, StoredPendingHealth> all =
                run.<StoredPendingHealth>store(StoreNames.LTV_PENDING).all()) {
            long count = 0;
            for (; all.hasNext(); all.next()) {
                count++;
            }
            return count;
        }
    }

    @Test
    @DisplayName("3 July, within the settle week: May's rates, December to May: 9 600 x 450 / 19 = 227 368.42")
    void earlyInTheMonthTheMonthBeforeLastsRatesApply() {
        cancel("acc-1", "2026-02-10T00:00:00Z");
        cancel("acc-2", "2026-05-10T00:00:00Z");

        AccountHealth july3 = npsOfAccX("2026-07-03T00:00:00Z");

        assertThat(july3.getLtv()).isCloseTo(9_600.0 * 450 / 19, offset(1e-6));
        assertThat(july3.getLtvBasis()).contains("the average of 5 monthly rates, 2025-12 to 2026-05", "2 lost of 47");
    }

    @Test
    @DisplayName("10 March: three closed months of churn are not enough; LTV:CRC is there all the same")
    void fewerThanSixMonthsIsNotEnoughHistory() {
        AccountHealth march10 = npsOfAccX("2026-03-10T00:00:00Z");

        assertThat(march10.getLtv()).isNull();
        assertThat(march10.getLtvBasis())
                .isEqualTo("not enough history: 3 closed months of churn (2025-12 to 2026-02), 6 needed");
        assertThat(march10.getLtvToCrc()).isCloseTo(4.0, offset(1e-9));
    }

    @Test
    @DisplayName("5 December 2025: October's rates come before the ledger's history starts: no closed month")
    void beforeTheHistoryStartsThereIsNoMonth() {
        AccountHealth december5 = npsOfAccX("2025-12-05T00:00:00Z");

        assertThat(december5.getLtv()).isNull();
        assertThat(december5.getLtvBasis())
                .isEqualTo("not enough history: no closed month of churn by 2025-10, 6 needed");
    }
}
