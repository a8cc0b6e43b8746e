package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.StoredAccount;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.topology.testdata.TopologyHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the longer duplicate detection costs per account: the generator's portfolio for 60 days, then
 * the Avro bytes of every stored account (as the changelog carries them, without the 10-byte single-object
 * header), in all and for the seen-ids part alone. The figures printed here are the README's.
 */
class AccountStateSizeTest {
    private static final int ACCOUNTS = 150;
    private static final int DAYS = 45;

    @Test
    @DisplayName("duplicate detection over the model's horizons costs 8 bytes per remembered event id")
    void stateBytesPerAccount() {
        PortfolioSimulation simulation =
                new PortfolioSimulation(new PortfolioSpec(ACCOUNTS, DAYS, 42, Instant.parse("2026-06-01T00:00:00Z")));
        List<SpecificRecord> events = new ArrayList<>();
        while (simulation.hasNextDay()) {
            simulation.simulateNextDay().stream().map(GeneratedEvent::value).forEach(events::add);
        }
        long total = 0;
        long seen = 0;
        long ids = 0;
        int accounts = 0;
        try (TopologyHarness run = new TopologyHarness(
                demoModel(),
                events.stream()
                        .map(e -> (Instant) ((org.apache.avro.generic.GenericRecord) e).get("occurred_at"))
                        .min(Instant::compareTo)
                        .orElseThrow())) {
            run.sendAll(events, 500);
            KeyValueStore<String, StoredAccount> store = run.store(StoreNames.ACCOUNTS);
            try (KeyValueIterator<String, StoredAccount> all = store.all()) {
                while (all.hasNext()) {
                    StoredAccount account = all.next().value;
                    int bytes = avroBytes(account);
                    StoredAccount withoutSeen =
                            StoredAccount.newBuilder(account).setSeen(List.of()).build();
                    total += bytes;
                    seen += bytes - avroBytes(withoutSeen);
                    ids += account.getSeen().stream()
                            .mapToLong(day -> day.getHashes().remaining() / Long.BYTES)
                            .sum();
                    accounts++;
                }
            }
        }
        System.out.printf(
                "State per account after %d days (%d accounts, %d events): %d bytes on average, "
                        + "of which %d for %d remembered event ids%n",
                DAYS, accounts, events.size(), total / accounts, seen / accounts, ids / accounts);

        assertThat(accounts).isGreaterThan(ACCOUNTS * 9 / 10);
        // Packed hashes: 8 bytes an id, plus a few bytes for each day bucket.
        assertThat((double) seen / ids).isBetween(8.0, 12.0);
        assertThat(total / accounts).isLessThan(1_536);
    }

    private static Map<String, String> demoModel() {
        return Map.of(
                "usage.expected.plan.starter",
                "150",
                "usage.expected.plan.pro",
                "400",
                "usage.expected.plan.business",
                "1000",
                "usage.expected.plan.enterprise",
                "3000",
                "usage.impact.report_exported",
                "5",
                "usage.impact.dashboard_created",
                "3");
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
