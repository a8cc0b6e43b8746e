package io.healthstream.replay;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts any number of {@link RunEntry}s by (key, seq) in bounded memory: entries are buffered up to
 * {@code runBytes}, each full buffer is sorted and spilled to a run file, and {@link #sorted()} merges the
 * runs (in passes of at most {@link #FAN_IN} files, so open files stay bounded too). With seq unique and
 * increasing in insertion order, equal keys keep their insertion order, as a stable in-memory sort would.
 */
final class ExternalSort implements Closeable {
    static final int FAN_IN = 128;

    private final Path dir;
    private final long runBytes;
    private final List<RunEntry> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private long buffered;

    ExternalSort(Path dir, long runBytes) {
        this.dir = dir;
        this.runBytes = runBytes;
    }

    void add(RunEntry entry) throws IOException {
        buffer.add(entry);
        buffered += entry.footprint();
        if (buffered >= runBytes) {
            spill();
        }
    }

    /** Every entry added, sorted; the caller closes it, which deletes the runs. */
    RunMerge sorted() throws IOException {
        spill();
        while (runs.size() > FAN_IN) {
            List<Path> group = new ArrayList<>(runs.subList(0, FAN_IN));
            runs.subList(0, FAN_IN).clear();
            runs.add(mergeIntoOne(group));
        }
        RunMerge merge = new RunMerge(runs);
        runs.clear();
        return merge;
    }

    private void spill() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        buffer.sort(RunMerge.ORDER);
        try (RunFile.Writer writer = RunFile.create(dir)) {
            runs.add(writer.path());
            for (RunEntry entry : buffer) {
                writer.write(entry);
            }
        }
        buffer.clear();
        buffered = 0;
    }

    private Path mergeIntoOne(List<Path> group) throws IOException {
        try (RunMerge merge = new RunMerge(group);
                RunFile.Writer writer = RunFile.create(dir)) {
            for (RunEntry entry = merge.next(); entry != null; entry = merge.next()) {
                writer.write(entry);
            }
            return writer.path();
        }
    }

    /** Deletes the runs not yet handed to a merge. */
    @Override
    public void close() throws IOException {
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
        buffer.clear();
    }
}
