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
 * A JSON-lines export, read one line at a time or whole: its events in file order, and the lines that are
 * not events as dead letters. Each line is {@code {"topic": "<input topic>", "value": {...}}}; blank lines are skipped.
 */
final class EventFile {
    // Two objects on one line are a broken line, not one event and a silently dropped one.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What the file holds; {@code lines} counts every line, blank ones too. */
    record Contents(long lines, List<ReplayEvent> events, List<DeadLetter> malformed) {}

    private EventFile() {}

    /** Reads the whole file into memory (the backtest splits its events by account). */
    static Contents read(Path file) throws IOException {
        List<ReplayEvent> events = new ArrayList<>();
        List<DeadLetter> malformed = new ArrayList<>();
        long lines = scan(file, events::add, malformed::add);
        return new Contents(lines, events, malformed);
    }

    /** Something that takes what is read, one at a time, and may write it out. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(T item) throws IOException;
    }

    /**
     * Reads the file one line at a time, handing each event to {@code events} and each line that is not one
     * to {@code malformed}, in line order; returns the number of lines, blank ones included.
     */
    static long scan(Path file, Sink<ReplayEvent> events, Sink<DeadLetter> malformed) throws IOException {
        long lines = 0;
        try (Utf8LineReader reader = new Utf8LineReader(Files.newInputStream(file))) {
            for (Utf8LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines = line.number();
                if (line instanceof Utf8LineReader.NotUtf8 bad) {
                    malformed.accept(DeadLetter.notUtf8(bad));
                } else if (line instanceof Utf8LineReader.Text text
                        && !text.text().isBlank()) {
                    ReplayEvent event;
                    try {
                        event = parse(text.text(), text.number());
                    } catch (JsonProcessingException e) {
                        malformed.accept(DeadLetter.malformed(text.number(), text.text(), notJson(e)));
                        continue;
                    } catch (IllegalArgumentException e) {
                        malformed.accept(DeadLetter.malformed(text.number(), text.text(), e.getMessage()));
                        continue;
                    }
                    events.accept(event);
                }
            }
        }
        return lines;
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
