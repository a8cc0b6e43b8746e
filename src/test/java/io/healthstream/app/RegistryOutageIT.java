package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.GroupProgress;
import io.healthstream.testsupport.Waits;
import io.healthstream.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry down mid-stream, for {@link #OUTAGE}, while the engine works through a backlog: it goes on
 * with the schemas it has (it never asks the registry per record), commits input during the outage, dead-letters
 * no valid event, stays up, and every account topic equals the replay. The whole portfolio is on the broker
 * before the engine starts, so that its topics merge in event-time order as in the replay; events published
 * while the engine is caught up would become visible partition by partition as their transaction's markers are
 * written, and a task may run one topic ahead of another whose new records it has not fetched yet. (An instance
 * that meets a schema id it has not seen during an outage, or restarts during one, must wait for the registry: see
 * the README's Reliability section.)
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RegistryOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    Path work;

    @Test
    void aRegistryOutageMidStreamLosesNothingAndDeadLettersNoValidEvent() throws Exception {
        try (FaultCluster cluster = FaultCluster.start(work);
                GroupProgress progress = cluster.watchProgress()) {
            cluster.publishPortfolio();
            EngineProcess engine = cluster.startEngine("a", Map.of());
            engine.awaitRunning(FaultCluster.START_TIMEOUT);
            cluster.awaitMidStream(progress);

            progress.reset();
            long committedAtOutage = progress.committedTotal();
            Instant down = Instant.now();
            cluster.stopRegistry();
            // The outage lasts OUTAGE, unless the engine gives up on it first.
            Waits.atMost(OUTAGE, () -> !engine.isAlive());
            long committedDuringOutage = progress.committedTotal() - committedAtOutage;
            Duration stall = progress.longestStall();
            cluster.startRegistryAgain();
            Duration outage = Duration.between(down, Instant.now());
            cluster.awaitAllCommitted(progress);

            assertThat(committedDuringOutage)
                    .as("input records committed while the registry was down")
                    .isPositive();
            Map<String, Object> figures = cluster.assertSameAsReplay(cluster.committedOutputs());
            long deadLetters = CommittedOutputs.read(
                            Settings.of(
                                    Map.of("bootstrap.servers", cluster.broker().bootstrapServers())),
                            Map.of(
                                    Topics.DEAD_LETTER,
                                    cluster.replay.expected(Topics.DEAD_LETTER).size()),
                            Duration.ofSeconds(30))
                    .get(Topics.DEAD_LETTER)
                    .size();
            assertThat(deadLetters)
                    .as("dead letters: the replay's own, no valid event")
                    .isEqualTo(cluster.replay.expected(Topics.DEAD_LETTER).size());
            assertThat(engine.isAlive()).as("engine still up").isTrue();

            figures.put("events", cluster.events());
            figures.put("committed_at_outage", committedAtOutage);
            figures.put("committed_during_outage", committedDuringOutage);
            figures.put("outage_seconds", FaultCluster.seconds(outage));
            figures.put("stall_during_outage_seconds", FaultCluster.seconds(stall));
            FaultCluster.record("registry-outage", figures);
        }
    }
}
