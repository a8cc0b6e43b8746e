package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testsupport.EngineProcess;
import io.healthstream.testsupport.GroupProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again on the same data dir while two engine processes work through a backlog:
 * they carry on by themselves, and every account topic read read_committed equals the replay record for record.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BrokerBounceIT {
    @TempDir
    Path work;

    @Test
    void aBrokerRestartMidStreamHealsWithoutOperatorAction() throws Exception {
        try (FaultCluster cluster = FaultCluster.start(work);
                GroupProgress progress = cluster.watchProgress()) {
            cluster.publishPortfolio();
            List<EngineProcess> engines = cluster.startTwoEngines(Map.of());
            cluster.awaitMidStream(progress);
            long committedAtBounce = progress.committedTotal();

            progress.reset();
            Duration away = cluster.restartBroker();
            cluster.awaitAllCommitted(progress);
            Duration stall = progress.longestStall();

            Map<String, Object> figures = cluster.assertSameAsReplay(cluster.committedOutputs());
            assertThat(engines).as("engines still up, no restart needed").allMatch(EngineProcess::isAlive);
            figures.put("events", cluster.events());
            figures.put("committed_at_bounce", committedAtBounce);
            figures.put("broker_away_seconds", FaultCluster.seconds(away));
            figures.put("stall_seconds", FaultCluster.seconds(stall));
            FaultCluster.record("broker-bounce", figures);
        }
    }
}
