package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestoreProgressTest {
    private static final TopicPartition ACCOUNTS_0 = new TopicPartition("app-accounts-changelog", 0);
    private static final TopicPartition ACCOUNTS_1 = new TopicPartition("app-accounts-changelog", 1);
    private static final TopicPartition HISTORY_0 = new TopicPartition("app-history-points-changelog", 0);

    private final AtomicLong nanos = new AtomicLong();
    private final RestoreProgress progress = new RestoreProgress(nanos::get);

    private void at(Duration sinceStart) {
        nanos.set(sinceStart.toNanos());
    }

    @Test
    @DisplayName("a restore lasts from the first changelog partition begun to the last one done, its batches summed")
    void overlappingPartitionsMakeOneRestore() {
        progress.onRestoreStart(ACCOUNTS_0, "accounts", 0, 1_000);
        at(Duration.ofSeconds(1));
        progress.onRestoreStart(ACCOUNTS_1, "accounts", 10, 510);
        progress.onBatchRestored(ACCOUNTS_0, "accounts", 600, 600);
        progress.onBatchRestored(ACCOUNTS_1, "accounts", 510, 499);
        at(Duration.ofSeconds(2));
        progress.onRestoreEnd(ACCOUNTS_1, "accounts", 499);
        assertThat(progress.totals().records())
                .as("nothing counted while a partition still restores")
                .isZero();

        at(Duration.ofSeconds(5));
        progress.onBatchRestored(ACCOUNTS_0, "accounts", 1_000, 399);
        progress.onRestoreEnd(ACCOUNTS_0, "accounts", 999);

        assertThat(progress.totals()).isEqualTo(new RestoreProgress.Totals(1_498, 2, Duration.ofSeconds(5)));
    }

    @Test
    @DisplayName("restores apart add up, the time between them left out; a suspended partition counts what it read")
    void separateRestoresAddUp() {
        progress.onRestoreStart(ACCOUNTS_0, "accounts", 0, 100);
        progress.onBatchRestored(ACCOUNTS_0, "accounts", 100, 100);
        at(Duration.ofSeconds(2));
        progress.onRestoreEnd(ACCOUNTS_0, "accounts", 100);

        at(Duration.ofSeconds(60));
        progress.onRestoreStart(HISTORY_0, "history-points", 0, 50);
        progress.onBatchRestored(HISTORY_0, "history-points", 20, 20);
        at(Duration.ofSeconds(63));
        progress.onRestoreSuspended(HISTORY_0, "history-points", 20);

        assertThat(progress.totals()).isEqualTo(new RestoreProgress.Totals(120, 2, Duration.ofSeconds(5)));
    }

    @Test
    @DisplayName("the end of a partition never begun, or ended twice, changes nothing")
    void unknownEndsAreIgnored() {
        progress.onRestoreEnd(ACCOUNTS_0, "accounts", 10);
        progress.onRestoreStart(ACCOUNTS_1, "accounts", 0, 10);
        progress.onBatchRestored(ACCOUNTS_1, "accounts", 10, 10);
        at(Duration.ofSeconds(1));
        progress.onRestoreEnd(ACCOUNTS_1, "accounts", 10);
        progress.onRestoreEnd(ACCOUNTS_1, "accounts", 10);

        assertThat(progress.totals()).isEqualTo(new RestoreProgress.Totals(10, 1, Duration.ofSeconds(1)));
    }
}
