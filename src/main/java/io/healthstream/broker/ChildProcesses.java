package io.healthstream.broker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a child process: politely first (SIGTERM), by force if it does not end in time. */
final class ChildProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);

    private ChildProcesses() {
    }

    static void stop(Process process, Duration gracePeriod, Duration killTimeout) {
        try {
            process.destroy();
            if (process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            LOG.warn("Process {} did not stop within {} s, killing it", process.pid(), gracePeriod.toSeconds());
            process.destroyForcibly();
            if (!process.waitFor(killTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("Process {} is still alive after SIGKILL", process.pid());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
