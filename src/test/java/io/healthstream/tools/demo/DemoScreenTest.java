package io.healthstream.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoScreenTest {
    private static final DemoScreen.Context CONTEXT = new DemoScreen.Context(
            Duration.ofSeconds(75),
            Duration.ofSeconds(5),
            60,
            90,
            4_000,
            "127.0.0.1:40000",
            "http://127.0.0.1:40001",
            "http://127.0.0.1:40002");

    @Test
    void barsAreScaledToTheLargestBand() {
        String screen = DemoScreen.render(snapshot(Map.of("GREEN", 100L, "RED", 25L)), CONTEXT);
        assertThat(screen)
                .contains(
                        "  GREEN       100 " + "#".repeat(40) + "\n",
                        "  RED          25 " + "#".repeat(10) + "\n",
                        "  THRIVING      0 \n",
                        "Accounts by band (125 scored)");
    }

    @Test
    void ratesAreTheIntervalsCountsPerSecond() {
        String screen = DemoScreen.render(snapshot(Map.of()), CONTEXT);
        assertThat(screen).contains("Last 5 s: 4,000 events in (800/s), 50 records out (10/s), 3 dead-lettered so far");
    }

    @Test
    void showsAddressesTimeAndSignalTypesSeen() {
        String screen = DemoScreen.render(snapshot(Map.of()), CONTEXT);
        assertThat(screen)
                .contains(
                        "1:15 elapsed",
                        "simulated day 60/90",
                        "broker 127.0.0.1:40000",
                        "schema registry http://127.0.0.1:40001",
                        "churn signals       USAGE_DROP 2",
                        "Signal types so far: 2 of 7  CANCELLED 1, USAGE_DROP 4",
                        "contraction alerts  -",
                        "metrics http://127.0.0.1:40002/metrics",
                        "accounts http://127.0.0.1:40002/accounts?band=RED");
    }

    private static DemoSnapshot snapshot(Map<String, Long> bands) {
        return new DemoSnapshot(
                bands,
                Map.of("USAGE_DROP", 2L),
                Map.of(),
                Map.of(),
                Map.of(),
                new java.util.TreeMap<>(Map.of("USAGE_DROP", 4L, "CANCELLED", 1L)),
                50,
                3);
    }
}
