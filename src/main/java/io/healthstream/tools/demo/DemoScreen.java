package io.healthstream.tools.demo;

import io.healthstream.avro.ChurnSignalType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the demo's live summary as plain text: bands with a bar chart, the interval's records, addresses. */
public final class DemoScreen {
    static final List<String> BANDS = List.of("THRIVING", "GREEN", "YELLOW", "RED");
    private static final int BAR_WIDTH = 40;

    /**
     * Where the demo stands when the summary is drawn.
     *
     * @param elapsed          since the demo started
     * @param interval         since the previous summary
     * @param simulatedDay     days of history published so far
     * @param days             days of history in all
     * @param eventsIn         events published in the interval
     * @param brokerAddress    bootstrap servers of the embedded broker
     * @param registryUrl      URL of the embedded schema registry
     * @param httpUrl          base URL of the engine's HTTP endpoint (metrics, health, accounts)
     */
    public record Context(
            Duration elapsed,
            Duration interval,
            int simulatedDay,
            int days,
            long eventsIn,
            String brokerAddress,
            String registryUrl,
            String httpUrl) {}

    private DemoScreen() {}

    public static String render(DemoSnapshot snapshot, Context context) {
        StringBuilder out = new StringBuilder();
        long scored = snapshot.accountsByBand().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        out.append(String.format(
                "healthstream demo  %s elapsed  simulated day %d/%d%n",
                clock(context.elapsed()), context.simulatedDay(), context.days()));
        out.append(String.format(
                "broker %s   schema registry %s%nmetrics %s/metrics   accounts %s/accounts?band=RED%n%n",
                context.brokerAddress(), context.registryUrl(), context.httpUrl(), context.httpUrl()));
        out.append(String.format("Accounts by band (%d scored)%n", scored));
        long largest = Math.max(
                1,
                snapshot.accountsByBand().values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(1));
        for (String band : BANDS) {
            long count = snapshot.accountsByBand().getOrDefault(band, 0L);
            out.append(String.format("  %-8s %6d %s%n", band, count, "#".repeat((int) (count * BAR_WIDTH / largest))));
        }
        double seconds = Math.max(1, context.interval().toMillis()) / 1000.0;
        out.append(String.format(
                "%nLast %.0f s: %,d events in (%,.0f/s), %,d records out (%,.0f/s), %,d dead-lettered so far%n",
                seconds,
                context.eventsIn(),
                context.eventsIn() / seconds,
                snapshot.recordsOut(),
                snapshot.recordsOut() / seconds,
                snapshot.deadLetters()));
        out.append("  churn signals       ").append(counts(snapshot.signals())).append('\n');
        out.append("  contraction alerts  ")
                .append(counts(snapshot.contractions()))
                .append('\n');
        out.append("  expansion           ")
                .append(counts(snapshot.expansions()))
                .append('\n');
        out.append("  NPS follow-ups      ")
                .append(counts(snapshot.followUps()))
                .append('\n');
        out.append(String.format(
                "Signal types so far: %d of %d  %s%n",
                snapshot.signalsSoFar().size(), ChurnSignalType.values().length, counts(snapshot.signalsSoFar())));
        out.append(
                context.simulatedDay() == context.days()
                        ? "All history published; the engine keeps running. Ctrl-C to stop.\n"
                        : "Ctrl-C to stop.\n");
        return out.toString();
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty()
                ? "-"
                : counts.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static String clock(Duration duration) {
        return String.format("%d:%02d", duration.toMinutes(), duration.toSecondsPart());
    }
}
