package io.healthstream.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The bench's figures as a Markdown table for people and as JSON for trend lines. */
public record BenchReport(Setup setup, List<VariantResult> results) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<BenchVariant> BASELINES =
            List.of(BenchVariant.PASS_THROUGH_ALOS, BenchVariant.PASS_THROUGH_EOS, BenchVariant.STATEFUL_EOS);
    private static final double MIB = 1024 * 1024;

    /** What was measured on: the portfolio, its size, the topics' partitions and the stream threads. */
    public record Setup(int accounts, int days, long seed, long events, int partitions, int threads, String jvmHeap) {}

    public Optional<VariantResult> result(BenchVariant variant) {
        return results.stream().filter(r -> r.variant().equals(variant.label())).findFirst();
    }

    /** The report as Markdown: the throughput table, then the latency, the restore and the replay lines. */
    public List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%,d events (%d accounts x %d days, seed %d), %d partitions, %d stream threads, %s heap per JVM",
                setup.events(),
                setup.accounts(),
                setup.days(),
                setup.seed(),
                setup.partitions(),
                setup.threads(),
                setup.jvmHeap()));
        lines.add("");
        lines.add("| variant | steady records/s | vs pass-through ALOS | vs pass-through EOS | vs minimal stateful EOS"
                + " | CPU s / M events | broker CPU s / M events | changelog bytes / event | state bytes / account"
                + " | outputs / event | peak heap MiB | peak RSS MiB |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (VariantResult r : results) {
            if (r.latency() != null
                    || r.variant().equals(BenchVariant.REPLAY.label())
                    || r.variant().equals(BenchVariant.RESTORE.label())) {
                continue;
            }
            BenchVariant variant = BenchVariant.ofLabel(r.variant());
            StringBuilder row = new StringBuilder("| " + variant.description());
            row.append(String.format(Locale.ROOT, " | %,.0f", r.steadyPerSecond()));
            for (BenchVariant baseline : BASELINES) {
                row.append(result(baseline)
                        .map(b -> String.format(Locale.ROOT, " | %.2fx", r.steadyPerSecond() / b.steadyPerSecond()))
                        .orElse(" | -"));
            }
            row.append(String.format(Locale.ROOT, " | %,.0f", r.cpuSecondsPerMillion()));
            row.append(
                    r.brokerCpuSecondsPerMillion() < 0
                            ? " | -"
                            : String.format(Locale.ROOT, " | %,.0f", r.brokerCpuSecondsPerMillion()));
            row.append(String.format(Locale.ROOT, " | %,.0f", (double) r.changelogBytes() / r.inputRecords()));
            row.append(String.format(Locale.ROOT, " | %,.0f", (double) r.stateBytes() / setup.accounts()));
            row.append(String.format(Locale.ROOT, " | %.2f", (double) r.outputRecords() / r.inputRecords()));
            row.append(
                    String.format(Locale.ROOT, " | %,.0f | %,.0f |", r.peakHeapBytes() / MIB, r.peakRssBytes() / MIB));
            lines.add(row.toString());
        }
        List<VariantResult> latencies =
                results.stream().filter(r -> r.latency() != null).toList();
        if (!latencies.isEmpty()) {
            lines.add("");
        }
        for (VariantResult r : latencies) {
            LatencyProbe.Latency l = r.latency();
            String settings = r.variant().equals(BenchVariant.LATENCY.label())
                    ? ""
                    : r.variant().substring(BenchVariant.LATENCY.label().length());
            lines.add(String.format(
                    Locale.ROOT,
                    "End-to-end latency%s, event produced -> AccountHealth visible read_committed, at %,.0f events/s"
                            + " (half the EOS engine's steady rate): p50 %d ms, p99 %d ms, max %d ms"
                            + " (%,d events sent, %,d of them scored)",
                    settings,
                    l.perSecond(),
                    l.p50Millis(),
                    l.p99Millis(),
                    l.maxMillis(),
                    l.sent(),
                    l.scored()));
        }
        result(BenchVariant.RESTORE)
                .ifPresent(r -> lines.add(String.format(
                        Locale.ROOT,
                        "restore, state directory deleted: %,d records of %,.1f MiB of changelogs read back in %.1f s"
                                + " (%,.0f records/s, CPU %.0f s / M records), state again %,.0f bytes / account,"
                                + " peak heap %,.0f MiB, peak RSS %,.0f MiB",
                        r.inputRecords(),
                        r.changelogBytes() / MIB,
                        r.seconds(),
                        r.steadyPerSecond(),
                        r.cpuSecondsPerMillion(),
                        (double) r.stateBytes() / setup.accounts(),
                        r.peakHeapBytes() / MIB,
                        r.peakRssBytes() / MIB)));
        result(BenchVariant.REPLAY)
                .ifPresent(r -> lines.add(String.format(
                        Locale.ROOT,
                        "replay: %,d events in %.1f s, %,.0f events/s (%s the EOS engine's steady rate), CPU %.0f s / M events,"
                                + " peak heap %,.0f MiB, peak RSS %,.0f MiB",
                        r.inputRecords(),
                        r.seconds(),
                        r.steadyPerSecond(),
                        result(BenchVariant.ENGINE_EOS)
                                .map(e ->
                                        String.format(Locale.ROOT, "%.2fx", r.steadyPerSecond() / e.steadyPerSecond()))
                                .orElse("-"),
                        r.cpuSecondsPerMillion(),
                        r.peakHeapBytes() / MIB,
                        r.peakRssBytes() / MIB)));
        return lines;
    }

    public void writeJson(Path file) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.set("setup", MAPPER.valueToTree(setup));
        json.set("results", MAPPER.valueToTree(results));
        MAPPER.writeValue(file.toFile(), json);
    }

    public static VariantResult readResult(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), VariantResult.class);
    }

    public static void writeResult(VariantResult result, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), result);
    }
}
