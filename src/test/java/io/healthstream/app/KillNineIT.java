package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.GroupProgress;
import io.healthstream.testsupport.HttpCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of one of two engine processes while they work through a backlog, restarted later on its own state
 * dir: every account topic read read_committed equals the replay record for record (so nothing lost, nothing
 * duplicated), the survivor's HTTP API keeps answering (partial listings, 503/502, never 500), and the stall
 * of the killed instance's partitions is measured, with and without static membership and standby replicas.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class KillNineIT {
    private static final Duration RESTART_AFTER = Duration.ofSeconds(10);
    /** Between two rounds of questions, so that asking does not take the survivor's CPU from its backlog. */
    private static final Duration ASK_PAUSE = Duration.ofMillis(100);

    /** How the two instances are configured. */
    enum Membership {
        /** Defaults: the crashed member's partitions wait for its session to expire (session.timeout.ms, 45 s). */
        DYNAMIC(Map.of()),
        /** group.instance.id from the pod name and one standby: the restarted instance takes its partitions back. */
        STATIC_WITH_STANDBY(Map.of("static-membership", "true", "kafka.num.standby.replicas", "1"));

        final Map<String, String> settings;

        Membership(Map<String, String> settings) {
            this.settings = settings;
        }
    }

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Membership.class)
    void killNineMidStreamLosesAndDuplicatesNothing(Membership membership) throws Exception {
        try (FaultCluster cluster = FaultCluster.start(work);
                GroupProgress progress = cluster.watchProgress()) {
            cluster.publishPortfolio();
            List<EngineProcess> engines = cluster.startTwoEngines(membership.settings);
            cluster.awaitMidStream(progress);
            EngineProcess survivor = engines.get(0);
            EngineProcess victim = engines.get(1);
            long committedAtKill = progress.committedTotal();

            progress.reset();
            victim.kill();
            Instant killed = Instant.now();
            Answers whileDown = askSurvivor(survivor, accounts(cluster), killed.plus(RESTART_AFTER));
            EngineProcess restarted = cluster.startEngine("b", membership.settings);
            restarted.awaitRunning(FaultCluster.START_TIMEOUT);
            cluster.awaitAllCommitted(progress);
            Duration stall = progress.longestStall();

            Map<String, Object> figures = cluster.assertSameAsReplay(cluster.committedOutputs());
            assertThat(whileDown.statuses())
                    .as("survivor's HTTP answers while b was down")
                    .doesNotContain(500);
            assertThat(whileDown.partialListings())
                    .as("listings naming b's partitions as missing")
                    .isNotEmpty();

            figures.put("events", cluster.events());
            figures.put("membership", membership.name());
            figures.put("committed_at_kill", committedAtKill);
            figures.put("restarted_after_seconds", RESTART_AFTER.toSeconds());
            figures.put("stall_seconds", FaultCluster.seconds(stall));
            figures.put("missing_partitions_seen", whileDown.partialListings());
            FaultCluster.record("kill-9-" + membership.name().toLowerCase(Locale.ROOT), figures);
        }
    }

    /** What the survivor answered to listings and look-ups while the victim was down. */
    private record Answers(List<Integer> statuses, TreeSet<Integer> partialListings) {}

    /** A few accounts of the portfolio, spread over the partitions. */
    private static List<String> accounts(FaultCluster cluster) {
        return cluster.days.get(0).stream()
                .map(event -> event.key())
                .distinct()
                .limit(8)
                .toList();
    }

    private static Answers askSurvivor(EngineProcess survivor, List<String> accounts, Instant until)
            throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        TreeSet<Integer> missing = new TreeSet<>();
        while (Instant.now().isBefore(until)) {
            HttpCalls.Answer listing = HttpCalls.get(survivor.baseUrl() + "/accounts?limit=500");
            statuses.add(listing.status());
            if (listing.status() == 200 && listing.json().path("partial").asBoolean()) {
                listing.json().path("missing_partitions").forEach(p -> missing.add(p.asInt()));
            }
            accounts.forEach(account -> statuses.add(
                    HttpCalls.get(survivor.baseUrl() + "/accounts/" + account).status()));
            Thread.sleep(ASK_PAUSE.toMillis());
        }
        return new Answers(statuses, missing);
    }
}
