package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.StoredAccount;
import io.healthstream.avro.StoredKpiLedger;
import io.healthstream.avro.StoredKpiTally;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The KPI state does not grow with the portfolio: the ledger's tallies are counters, and what an account remembers for KPIs is bounded by its own users. Sizes are the Avro
 * binary encoding of the stored values, as the changelog carries them (without the 5-byte registry header).
 */
class PortfolioKpiStoreSizeTest {
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T09:00:00Z");
    private static final int USERS = 3;

    /** Bytes of March's USD tally and of one account's state after {@code accounts} accounts were active. */
    private static Map<String, Integer> bytesAfter(int accounts) {
        try (TopologyHarness run = new TopologyHarness(Map.of("health.punctuate.interval", "1d"), MARCH_2)) {
            for (int a = 0; a < accounts; a++) {
                String account = "acc-" + a;
                Instant at = MARCH_2.plusSeconds(a);
                run.send(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                        .id("s-" + a)
                        .account(account)
                        .at(at)
                        .seats(1)
                        .mrr(0, 9_900)
                        .avro());
                for (int u = 0; u < USERS; u++) {
                    run.send(Events.usage()
                            .id("u-" + a + "-" + u)
                            .account(account)
                            .user("user-" + u)
                            .at(at.plusSeconds(u))
                            .action("login")
                            .avro());
                    run.send(Events.nps(9)
                            .id("n-" + a + "-" + u)
                            .account(account)
                            .user("user-" + u)
                            .at(at.plusSeconds(u))
                            .avro());
                }
            }
            run.advanceWallClock(Duration.ofSeconds(1)); // the task sends its KPI delta to the ledger
            StoredKpiLedger ledger = run.stored(StoreNames.KPI_LEDGER, "ledger");
            StoredKpiTally tally = ledger.getOpen().stream()
                    .filter(t ->
                            t.getPeriod().equals("2026-03") && t.getCurrency().equals("USD"))
                    .findFirst()
                    .orElseThrow();
            StoredAccount account = run.stored(StoreNames.ACCOUNTS, "acc-0");
            assertThat(tally.getActiveAccounts()).isEqualTo(accounts);
            assertThat(tally.getNpsPromoters()).isEqualTo((long) accounts * USERS);
            return Map.of("tally", avroBytes(ledger), "account", avroBytes(account));
        }
    }

    @Test
    void kpiTallyAndPerAccountStateStayTheSameSizeFromTenToAThousandAccounts() {
        Map<String, Integer> ten = bytesAfter(10);
        Map<String, Integer> thousand = bytesAfter(1_000);
        System.out.printf(
                "KPI ledger bytes: %d at 10 accounts, %d at 1000; account state bytes: %d, %d%n",
                ten.get("tally"), thousand.get("tally"), ten.get("account"), thousand.get("account"));

        // Counters and MRR sums grow a few varint bytes as they grow from tens to thousands; sets of ids would
        // grow by kilobytes.
        assertThat(thousand.get("tally")).isLessThanOrEqualTo(ten.get("tally") + 32);
        assertThat(thousand.get("account")).isEqualTo(ten.get("account"));
    }

    private static int avroBytes(SpecificRecord value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
