package io.healthstream.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines export read whole: its events in file order, and the lines that are not events as
 * dead letters. Each line is {@code {"topic": "<input topic>", "value": {...}}}; blank lines are skipped.
 */
final class EventFile {
    // Two objects on one line are a broken line, not one event and a silently dropped one.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What the file holds; {@code lines} counts every line, blank ones too. */
    record Contents(long lines, List<ReplayEvent> events, List<DeadLetter> malformed) {}

    private EventFile() {}

    static Contents read(Path file) throws IOException {
        List<ReplayEvent> events = new ArrayList<>();
        List<DeadLetter> malformed = new ArrayList<>();
        long lines = 0;
        try (Utf8LineReader reader = new Utf8LineReader(Files.newInputStream(file))) {
            for (Utf8LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines = line.number();
                if (line instanceof Utf8LineReader.NotUtf8 bad) {
                    malformed.add(DeadLetter.notUtf8(bad));
                } else if (line instanceof Utf8LineReader.Text text
                        && !text.text().isBlank()) {
                    try {
                        events.add(parse(text.text(), text.number()));
                    } catch (JsonProcessingException e) {
                        malformed.add(DeadLetter.malformed(text.number(), text.text(), notJson(e)));
                    } catch (IllegalArgumentException e) {
                        malformed.add(DeadLetter.malformed(text.number(), text.text(), e.getMessage()));
                    }
                }
            }
        }
        return new Contents(lines, events, malformed);
    }

    private static String notJson(JsonProcessingException e) {
        return "not JSON: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")");
    }

    /** One line as an event; IllegalArgumentException names what is wrong with it. */
    static ReplayEvent parse(String text, long line) throws JsonProcessingException {
        EventLine event = EventLine.read(MAPPER.readTree(text));
        return new ReplayEvent(event.topic(), line, event.occurredAt(), event.value());
    }
}
