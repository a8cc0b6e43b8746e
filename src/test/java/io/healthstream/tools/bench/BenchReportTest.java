package io.healthstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static final long EVENTS = 200_000;
    private static final double MIB = 1024 * 1024;

    private static VariantResult run(BenchVariant variant, double perSecond, double cpuSecondsPerMillion) {
        return new VariantResult(
                variant.label(),
                EVENTS,
                EVENTS / perSecond,
                perSecond,
                cpuSecondsPerMillion,
                cpuSecondsPerMillion / 2,
                EVENTS * 300,
                2_000 * 900,
                EVENTS / 2,
                (long) (100 * MIB),
                (long) (300 * MIB),
                null);
    }

    private final BenchReport report = new BenchReport(
            new BenchReport.Setup(2_000, 30, 42, EVENTS, 4, 2, "1g"),
            List.of(
                    run(BenchVariant.PASS_THROUGH_ALOS, 100_000, 15),
                    run(BenchVariant.STATEFUL_EOS, 40_000, 40),
                    run(BenchVariant.ENGINE_EOS, 10_000, 100),
                    latency(BenchVariant.LATENCY.label(), 180),
                    latency(BenchVariant.LATENCY.label() + " with kafka.max.task.idle.ms=0", 90),
                    restore(),
                    run(BenchVariant.REPLAY, 25_000, 30)));

    /** 120,000 changelog records (60 MiB) read back in 4 s, leaving 2 MB of state for the 2,000 accounts. */
    private static VariantResult restore() {
        return new VariantResult(
                BenchVariant.RESTORE.label(),
                120_000,
                4,
                30_000,
                12,
                -1,
                (long) (60 * MIB),
                2_000_000,
                0,
                (long) (200 * MIB),
                (long) (500 * MIB),
                null);
    }

    private static VariantResult latency(String label, long p99Millis) {
        return new VariantResult(
                label,
                150,
                30,
                5_000,
                0,
                -1,
                0,
                0,
                0,
                0,
                0,
                new LatencyProbe.Latency(5_000, 150_000, 90_000, 40, p99Millis, 400));
    }

    @Test
    @DisplayName("each row gives its rate as a ratio to each baseline measured, and its costs per event and account")
    void rowsCompareWithTheBaselines() {
        assertThat(report.table())
                .contains("| healthstream run, exactly-once v2 (default) | 10,000 | 0.10x | - | 0.25x | 100 | 50 | 300"
                        + " | 900 | 0.50 | 100 | 300 |")
                .anyMatch(line -> line.startsWith("End-to-end latency")
                        && line.contains("at 5,000 events/s")
                        && line.contains("p50 40 ms, p99 180 ms"))
                .anyMatch(line -> line.startsWith(
                                "End-to-end latency with kafka.max.task.idle.ms=0, event produced -> AccountHealth")
                        && line.contains("p50 40 ms, p99 90 ms"))
                .contains(
                        "restore, state directory deleted: 120,000 records of 60.0 MiB of changelogs read back in 4.0 s"
                                + " (30,000 records/s, CPU 12 s / M records), state again 1,000 bytes / account, peak heap 200 MiB,"
                                + " peak RSS 500 MiB")
                .anyMatch(line -> line.startsWith("replay: 200,000 events") && line.contains("2.50x the EOS engine"));
    }

    @Test
    @DisplayName("the latency, restore and replay runs are no rows of the throughput table")
    void onlyThroughputRunsAreRows() {
        assertThat(report.table().stream().filter(line -> line.startsWith("| ")))
                .hasSize(4); // header, pass-through, stateful, engine
    }

    @Test
    @DisplayName("a variant's result survives the JSON a child JVM hands back")
    void resultsRoundTripThroughJson(@TempDir Path dir) throws IOException {
        for (VariantResult result : report.results()) {
            Path file = dir.resolve(result.variant() + ".json");
            BenchReport.writeResult(result, file);
            assertThat(BenchReport.readResult(file)).isEqualTo(result);
        }
    }
}
