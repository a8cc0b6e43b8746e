package io.healthstream.app;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says how a restore of the state from its changelogs goes: an instance restoring gigabytes stays in REBALANCING for
 * minutes, and without these lines it looks stuck. One line when the first record is read back, one every
 * {@link #LOG_EVERY} while it runs, one when the last changelog partition is done (none when there was nothing to
 * read); and the totals, for the bench.
 * A restore here is a spell from the first changelog partition begun while none was restoring to the last one done.
 */
final class RestoreProgress implements StateRestoreListener {
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

    /** What the restores so far brought back, and how long they took in all. */
    record Totals(long records, long changelogPartitions, Duration spent) {}

    private final LongSupplier nanoTime;
    private final Set<TopicPartition> restoring = new HashSet<>();

    private long spellStartNanos;
    private long lastLogNanos;
    private long spellRecords;
    private long spellPartitions;
    private long spellExpected;
    private long totalRecords;
    private long totalPartitions;
    private long totalNanos;

    RestoreProgress() {
        this(System::nanoTime);
    }

    RestoreProgress(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void onRestoreStart(
            TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        long now = nanoTime.getAsLong();
        if (restoring.isEmpty()) {
            spellStartNanos = now;
            lastLogNanos = now;
            spellRecords = 0;
            spellPartitions = 0;
            spellExpected = 0;
        }
        LOG.debug("Restoring {} from {} ({} records to read)", storeName, partition, endingOffset - startingOffset);
        restoring.add(partition);
        spellExpected += Math.max(0, endingOffset - startingOffset);
    }

    @Override
    public synchronized void onBatchRestored(
            TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        // Said at the first record read, not at the start: a fresh instance "restores" empty changelogs at every start.
        if (spellRecords == 0 && numRestored > 0) {
            LOG.info(
                    "Restoring state from the changelogs: at most {} records to read from {} changelog partitions",
                    spellExpected,
                    restoring.size());
        }
        spellRecords += numRestored;
        long now = nanoTime.getAsLong();
        if (now - lastLogNanos >= LOG_EVERY.toNanos()) {
            lastLogNanos = now;
            // Transaction markers take offsets too, so the records read fall a little short of the offsets spanned.
            LOG.info(
                    "Restoring state: {} records read of at most {} ({} %), {} changelog partitions still restoring,"
                            + " {} s so far",
                    spellRecords,
                    spellExpected,
                    spellExpected == 0 ? 100 : Math.min(100, 100 * spellRecords / spellExpected),
                    restoring.size(),
                    seconds(now - spellStartNanos));
        }
    }

    @Override
    public synchronized void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        LOG.debug("Restored {} from {}: {} records", storeName, partition, totalRestored);
        finish(partition);
    }

    /** A task that moved to another instance mid-restore: what it read counts, the rest is that instance's. */
    @Override
    public synchronized void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        LOG.info(
                "Restore of {} from {} suspended after {} records: the task moved",
                storeName,
                partition,
                totalRestored);
        finish(partition);
    }

    private void finish(TopicPartition partition) {
        if (!restoring.remove(partition)) {
            return;
        }
        spellPartitions++;
        if (!restoring.isEmpty()) {
            return;
        }
        long spent = nanoTime.getAsLong() - spellStartNanos;
        totalRecords += spellRecords;
        totalPartitions += spellPartitions;
        totalNanos += spent;
        if (spellRecords > 0) {
            LOG.info(
                    "Restored {} records from {} changelog partitions in {} s",
                    spellRecords,
                    spellPartitions,
                    seconds(spent));
        }
    }

    synchronized Totals totals() {
        return new Totals(totalRecords, totalPartitions, Duration.ofNanos(totalNanos));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
