package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventOrderTest {
    private static final String USAGE = "usage-events";
    private static final String NPS = "nps-responses";
    /** Every event a run of its own: the merge does all the ordering. */
    private static final long ONE_EVENT_RUNS = 1;

    @TempDir
    Path spillDir;

    /** Events in file order, numbered from line 1: {@code (topic, occurred_at)} pairs. */
    private static List<ReplayEvent> file(Object... topicsAndTimes) {
        List<ReplayEvent> events = new ArrayList<>();
        for (int i = 0; i < topicsAndTimes.length; i += 2) {
            events.add(event((String) topicsAndTimes[i], events.size() + 1, (Integer) topicsAndTimes[i + 1]));
        }
        return events;
    }

    /** A real event line, as the replay parses it: a login, or an NPS answer. */
    private static ReplayEvent event(String topic, long line, long time) {
        String value = topic.equals(USAGE) ? "\"action\": \"login\"" : "\"score\": 9";
        String text = String.format(
                "{\"topic\": \"%s\", \"value\": {\"event_id\": \"e-%d\", \"account_id\": \"acc-1\", "
                        + "\"user_id\": \"ann\", \"occurred_at\": %d, %s}}",
                topic, line, time, value);
        try {
            return EventFile.parse(text, line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Arranged arrange(EventOrder order, List<ReplayEvent> fileOrder) throws IOException {
        return arrange(order, fileOrder, ONE_EVENT_RUNS);
    }

    private Arranged arrange(EventOrder order, List<ReplayEvent> fileOrder, long runBytes) throws IOException {
        try (EventOrder.Arranger arranger = order.arranger(spillDir, runBytes)) {
            for (ReplayEvent event : fileOrder) {
                arranger.add(event);
            }
            EventOrder.Arranged arranged = arranger.arranged();
            try (EventOrder.ArrangedEvents events = arranged.events()) {
                return new Arranged(events.toList(), arranged.outOfOrder(), arranged.firstOutOfOrderLine());
            }
        }
    }

    /** What an arrangement gave, read back whole. */
    private record Arranged(List<ReplayEvent> events, long outOfOrder, OptionalLong firstOutOfOrderLine) {}

    private static List<Long> lines(Arranged arranged) {
        return arranged.events().stream().map(ReplayEvent::line).toList();
    }

    @Test
    void timeOrderSortsTheWholeFileByOccurredAt() throws IOException {
        Arranged arranged = arrange(EventOrder.TIME, file(USAGE, 30, NPS, 10, USAGE, 20));
        assertThat(lines(arranged)).containsExactly(2L, 3L, 1L);
    }

    @Test
    void timeOrderKeepsFileOrderForEqualTimes() throws IOException {
        Arranged arranged = arrange(EventOrder.TIME, file(USAGE, 5, NPS, 5, USAGE, 1, NPS, 5));
        assertThat(lines(arranged)).containsExactly(3L, 1L, 2L, 4L);
    }

    @Test
    @DisplayName("time order counts the fewest lines the sort had to move, and names the first line out of order")
    void timeOrderCountsTheLinesItMoved() throws IOException {
        // One line written too late in the file: only it moves.
        Arranged oneLate = arrange(EventOrder.TIME, file(USAGE, 1, USAGE, 2, USAGE, 3, USAGE, 4, NPS, 2));
        assertThat(oneLate.outOfOrder()).isEqualTo(1);
        assertThat(oneLate.firstOutOfOrderLine()).hasValue(5);
        // One line written too early: every line after it is earlier than it, yet only it moves.
        Arranged oneEarly = arrange(EventOrder.TIME, file(USAGE, 9, USAGE, 2, USAGE, 3, USAGE, 4));
        assertThat(oneEarly.outOfOrder()).isEqualTo(1);
        assertThat(oneEarly.firstOutOfOrderLine()).hasValue(2);
        // Reversed: all but one move.
        assertThat(arrange(EventOrder.TIME, file(USAGE, 3, USAGE, 2, USAGE, 1)).outOfOrder())
                .isEqualTo(2);
    }

    @Test
    void aSortedFileMovesNothing() throws IOException {
        Arranged arranged = arrange(EventOrder.TIME, file(USAGE, 1, NPS, 1, USAGE, 2));
        assertThat(arranged.outOfOrder()).isZero();
        assertThat(arranged.firstOutOfOrderLine()).isEmpty();
        assertThat(lines(arranged)).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("arrival order keeps each topic's lines in file order and merges the topics by their next line's time")
    void arrivalOrderMergesTopicLogsByTheirHeads() throws IOException {
        // usage log: 10, 1 (late), 20; nps log: 5, 15
        Arranged arranged = arrange(EventOrder.ARRIVAL, file(USAGE, 10, NPS, 5, USAGE, 1, NPS, 15, USAGE, 20));
        // heads 10 | 5 -> nps 5; 10 | 15 -> usage 10; 1 | 15 -> usage 1; 20 | 15 -> nps 15; usage 20
        assertThat(lines(arranged)).containsExactly(2L, 1L, 3L, 4L, 5L);
    }

    @Test
    void arrivalOrderGivesTiesToTheEarlierLine() throws IOException {
        Arranged arranged = arrange(EventOrder.ARRIVAL, file(NPS, 7, USAGE, 7, NPS, 7, USAGE, 7));
        assertThat(lines(arranged)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    @DisplayName("arrival order counts the lines earlier than an earlier line of their own topic only")
    void arrivalOrderCountsLinesBehindTheirTopic() throws IOException {
        // Line 2 is earlier than line 1, but of another topic: in order. Lines 4 and 5 are behind line 3.
        Arranged arranged =
                arrange(EventOrder.ARRIVAL, file(USAGE, 10, NPS, 5, USAGE, 30, USAGE, 20, USAGE, 25, NPS, 6));
        assertThat(arranged.outOfOrder()).isEqualTo(2);
        assertThat(arranged.firstOutOfOrderLine()).isEqualTo(OptionalLong.of(4));
    }

    @Test
    void anEmptyFileArrangesToNothing() throws IOException {
        for (EventOrder order : EventOrder.values()) {
            Arranged arranged = arrange(order, List.of());
            assertThat(arranged.events()).isEmpty();
            assertThat(arranged.outOfOrder()).isZero();
            assertThat(arranged.firstOutOfOrderLine()).isEmpty();
        }
    }

    @Test
    @DisplayName(
            "time order spilled in runs gives exactly the stable in-memory sort, ties in file order, and leaves no file")
    void externalSortEqualsTheInMemorySort() throws IOException {
        Random random = new Random(7);
        List<ReplayEvent> fileOrder = new ArrayList<>();
        for (int line = 1; line <= 600; line++) {
            // 20 distinct times over 600 lines: most events tie with many others.
            fileOrder.add(event(random.nextBoolean() ? USAGE : NPS, line, random.nextInt(20)));
        }
        List<ReplayEvent> inMemory = new ArrayList<>(fileOrder);
        inMemory.sort(Comparator.comparingLong(ReplayEvent::occurredAt)); // stable

        // One run per event (more runs than one merge pass takes), a few events per run, and one run.
        for (long runBytes : new long[] {ONE_EVENT_RUNS, 2_000, Long.MAX_VALUE}) {
            Arranged external = arrange(EventOrder.TIME, fileOrder, runBytes);
            assertThat(lines(external))
                    .as("runs of %d bytes", runBytes)
                    .isEqualTo(inMemory.stream().map(ReplayEvent::line).toList());
            assertThat(external.events())
                    .extracting(event -> event.value().get("event_id").toString())
                    .isEqualTo(inMemory.stream()
                            .map(event -> event.value().get("event_id").toString())
                            .toList());
        }
        assertThat(ExternalSort.FAN_IN).isLessThan(fileOrder.size());
        try (Stream<Path> left = Files.list(spillDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void labelsAreWhatUsersType() {
        assertThat(EventOrder.ofLabel("time")).isEqualTo(EventOrder.TIME);
        assertThat(EventOrder.ofLabel("arrival")).isEqualTo(EventOrder.ARRIVAL);
        assertThat(EventOrder.ARRIVAL.label()).isEqualTo("arrival");
        assertThat(EventOrder.ofLabel("Arrival")).isEqualTo(EventOrder.ARRIVAL);
        assertThatThrownBy(() -> EventOrder.ofLabel("sorted")).hasMessage("expected time or arrival, got 'sorted'");
    }
}
