package io.healthstream.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A tool a test needs from the machine (Prometheus, Node). Missing, the test is skipped on a developer's
 * machine but fails under {@code CI=true}: CI must never pass a test it did not run.
 */
public final class Prerequisite {
    private Prerequisite() {}

    /** Skips the test (fails it under CI) when {@code present} is false, saying what to install. */
    public static void require(boolean present, String whatToInstall) {
        if (present) {
            return;
        }
        if (underCi()) {
            fail(whatToInstall + " (CI=true: no test may skip; ./scripts/test installs it)");
        }
        assumeTrue(false, whatToInstall + "; ./scripts/test installs it, so CI runs this test");
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
