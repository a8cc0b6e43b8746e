package io.healthstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessMeterTest {
    private static final int MIB = 1024 * 1024;

    @Test
    @DisplayName(
            "the peak heap counts what was in use before a collection freed it, and never exceeds the maximum heap")
    void peakHeapSeesUseThatACollectionFreed() {
        ProcessMeter.watchHeap();
        byte[] garbage = new byte[128 * MIB];
        garbage[garbage.length - 1] = 1;
        garbage = null;
        System.gc();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(ProcessMeter.peakHeapBytes()).isGreaterThanOrEqualTo(128L * MIB));
        assertThat(ProcessMeter.peakHeapBytes())
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }
}
