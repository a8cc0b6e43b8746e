package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.GroupProgress;
import io.healthstream.testsupport.Waits;
import io.healthstream.tools.generator.GeneratedEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance's state directory wiped while it is down: it restores its stores from the changelogs by itself,
 * the restore is timed, and what it decides on the events that follow is what the replay decides. The instance
 * is a static member, so that its restart is not held up until its old session expires (Kafka Streams does not
 * leave the group on close) and the time measured is the restore's.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StateWipeIT {
    private static final Map<String, String> STATIC = Map.of("static-membership", "true");

    @TempDir
    Path work;

    @Test
    void aWipedStateDirIsRestoredFromTheChangelog() throws Exception {
        try (FaultCluster cluster = FaultCluster.start(work);
                GroupProgress progress = cluster.watchProgress()) {
            List<List<GeneratedEvent>> firstHalf = cluster.days.subList(0, cluster.days.size() / 2);
            long firstEvents = cluster.publish(firstHalf);
            try (EngineProcess before = cluster.startEngine("a", STATIC)) {
                before.awaitRunning(FaultCluster.START_TIMEOUT);
                Waits.atMost(FaultCluster.DEADLINE, () -> progress.committedTotal() >= firstEvents);
            }
            assertThat(progress.committedTotal()).as("first half committed").isGreaterThanOrEqualTo(firstEvents);
            long wipedBytes = wipe(cluster.stateDir("a"));

            // Published while it is down, so that it meets them as a backlog, merged in event-time order as the replay.
            cluster.publish(cluster.days.subList(firstHalf.size(), cluster.days.size()));

            Instant restarting = Instant.now();
            EngineProcess after = cluster.startEngine("a", STATIC);
            Waits.atMost(FaultCluster.START_TIMEOUT, () -> FaultCluster.holdsPartitions(after));
            Duration restore = Duration.between(restarting, Instant.now());
            assertThat(FaultCluster.holdsPartitions(after))
                    .as("stores restored and queryable")
                    .isTrue();
            cluster.awaitAllCommitted(progress);

            Map<String, Object> figures = cluster.assertSameAsReplay(cluster.committedOutputs());
            figures.put("events", cluster.events());
            figures.put("wiped_state_bytes", wipedBytes);
            figures.put("restore_seconds", FaultCluster.seconds(restore));
            figures.put("stall_seconds", FaultCluster.seconds(restore));
            FaultCluster.record("state-wipe", figures);
        }
    }

    /** Deletes {@code dir} and everything in it; returns the bytes it held. */
    private static long wipe(Path dir) throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        assertThat(dir).doesNotExist();
        return bytes;
    }
}
