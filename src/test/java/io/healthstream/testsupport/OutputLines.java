package io.healthstream.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines of an output file as a replay or a live run wrote them, without {@code computed_at}: the
 * processing time is the one field two runs over the same events may differ in.
 */
public final class OutputLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputLines() {}

    /** A {@code .jsonl} file line by line; any other JSON file as one pretty-printed document. */
    public static List<String> of(Path file) {
        try {
            if (!file.toString().endsWith(".jsonl")) {
                return List.of(withoutProcessingTime(Files.readString(file)));
            }
            return Files.readAllLines(file).stream()
                    .map(OutputLines::withoutProcessingTime)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutProcessingTime(String line) {
        try {
            var node = MAPPER.readTree(line);
            if (node instanceof ObjectNode record) {
                record.remove("computed_at");
            }
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
