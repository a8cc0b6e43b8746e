package io.healthstream.tools.broker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stops a child process: politely first (SIGTERM), by force if it does not end in time. Logs nothing:
 * it also runs in a JVM shutdown hook, when logging may already be gone.
 */
final class ChildProcesses {
    private ChildProcesses() {}

    /** Returns whether the process stopped within the grace period, without being killed. */
    static boolean stop(Process process, Duration gracePeriod, Duration killTimeout) {
        try {
            process.destroy();
            if (process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(killTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
