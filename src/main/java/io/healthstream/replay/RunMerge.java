package io.healthstream.replay;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges run files by their heads, smallest (key, seq) first, holding one entry per run. Runs each sorted give
 * the whole sorted; runs in any order give what a consumer of several logs sees when it always takes the log
 * whose next record is earliest. Closing deletes the run files.
 */
final class RunMerge implements Closeable {
    static final Comparator<RunEntry> ORDER =
            Comparator.comparingLong(RunEntry::key).thenComparingLong(RunEntry::seq);

    private final List<Path> files;
    private final List<RunFile.Reader> readers = new ArrayList<>();
    private final PriorityQueue<RunFile.Reader> heads =
            new PriorityQueue<>(Comparator.comparing(RunFile.Reader::head, ORDER));

    RunMerge(List<Path> files) throws IOException {
        this.files = List.copyOf(files);
        try {
            for (Path file : files) {
                RunFile.Reader reader = new RunFile.Reader(file);
                readers.add(reader);
                if (reader.head() != null) {
                    heads.add(reader);
                }
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The next entry in merge order, or null when every run is exhausted. */
    RunEntry next() throws IOException {
        RunFile.Reader reader = heads.poll();
        if (reader == null) {
            return null;
        }
        RunEntry entry = reader.take();
        if (reader.head() != null) {
            heads.add(reader);
        }
        return entry;
    }

    @Override
    public void close() throws IOException {
        for (RunFile.Reader reader : readers) {
            reader.close();
        }
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
