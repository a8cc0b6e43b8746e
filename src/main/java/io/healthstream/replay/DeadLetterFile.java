package io.healthstream.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replay's dead letters, taken in any order (malformed lines as they are read, the engine's as it
 * rejects events) and written sorted by line, dead letters of one line in the order they came. They are
 * sorted externally, as the events are, so a file full of bad lines does not fill the heap either.
 */
final class DeadLetterFile implements Closeable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** What OutputFiles ends its lines with (BufferedWriter.newLine). */
    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    private final ExternalSort sort;
    private long taken;

    DeadLetterFile(Path spillDir, long runBytes) {
        this.sort = new ExternalSort(spillDir, runBytes);
    }

    void add(DeadLetter deadLetter) throws IOException {
        sort.add(new RunEntry(
                deadLetter.line(), taken++, deadLetter.reason(), MAPPER.writeValueAsBytes(deadLetter.json())));
    }

    /** Writes every dead letter to {@code file} as JSON lines, sorted by line; returns their count by reason. */
    Map<String, Long> writeTo(Path file) throws IOException {
        Map<String, Long> byReason = new LinkedHashMap<>();
        try (RunMerge sorted = sort.sorted();
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (RunEntry entry = sorted.next(); entry != null; entry = sorted.next()) {
                out.write(entry.payload());
                out.write(LINE_END);
                byReason.merge(entry.tag(), 1L, Long::sum);
            }
        }
        return byReason;
    }

    @Override
    public void close() throws IOException {
        sort.close();
    }
}
