package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventOrderTest {
    private static final String USAGE = "usage-events";
    private static final String BILLING = "subscription-events";

    /** Events in file order, numbered from line 1: {@code (topic, occurred_at)} pairs. */
    private static List<ReplayEvent> file(Object... topicsAndTimes) {
        List<ReplayEvent> events = new ArrayList<>();
        for (int i = 0; i < topicsAndTimes.length; i += 2) {
            events.add(new ReplayEvent(
                    (String) topicsAndTimes[i], events.size() + 1, (Integer) topicsAndTimes[i + 1], null));
        }
        return events;
    }

    private static List<Long> lines(EventOrder.Arranged arranged) {
        return arranged.events().stream().map(ReplayEvent::line).toList();
    }

    @Test
    void timeOrderSortsTheWholeFileByOccurredAt() {
        EventOrder.Arranged arranged = EventOrder.TIME.arrange(file(USAGE, 30, BILLING, 10, USAGE, 20));
        assertThat(lines(arranged)).containsExactly(2L, 3L, 1L);
    }

    @Test
    void timeOrderKeepsFileOrderForEqualTimes() {
        EventOrder.Arranged arranged = EventOrder.TIME.arrange(file(USAGE, 5, BILLING, 5, USAGE, 1, BILLING, 5));
        assertThat(lines(arranged)).containsExactly(3L, 1L, 2L, 4L);
    }

    @Test
    @DisplayName("time order counts the fewest lines the sort had to move, and names the first line out of order")
    void timeOrderCountsTheLinesItMoved() {
        // One line written too late in the file: only it moves.
        EventOrder.Arranged oneLate = EventOrder.TIME.arrange(file(USAGE, 1, USAGE, 2, USAGE, 3, USAGE, 4, BILLING, 2));
        assertThat(oneLate.outOfOrder()).isEqualTo(1);
        assertThat(oneLate.firstOutOfOrderLine()).hasValue(5);
        // One line written too early: every line after it is earlier than it, yet only it moves.
        EventOrder.Arranged oneEarly = EventOrder.TIME.arrange(file(USAGE, 9, USAGE, 2, USAGE, 3, USAGE, 4));
        assertThat(oneEarly.outOfOrder()).isEqualTo(1);
        assertThat(oneEarly.firstOutOfOrderLine()).hasValue(2);
        // Reversed: all but one move.
        assertThat(EventOrder.TIME.arrange(file(USAGE, 3, USAGE, 2, USAGE, 1)).outOfOrder())
                .isEqualTo(2);
    }

    @Test
    void aSortedFileMovesNothing() {
        EventOrder.Arranged arranged = EventOrder.TIME.arrange(file(USAGE, 1, BILLING, 1, USAGE, 2));
        assertThat(arranged.outOfOrder()).isZero();
        assertThat(arranged.firstOutOfOrderLine()).isEmpty();
        assertThat(lines(arranged)).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("arrival order keeps each topic's lines in file order and merges the topics by their next line's time")
    void arrivalOrderMergesTopicLogsByTheirHeads() {
        // usage log: 10, 1 (late), 20; billing log: 5, 15
        EventOrder.Arranged arranged =
                EventOrder.ARRIVAL.arrange(file(USAGE, 10, BILLING, 5, USAGE, 1, BILLING, 15, USAGE, 20));
        // heads 10 | 5 -> billing 5; 10 | 15 -> usage 10; 1 | 15 -> usage 1; 20 | 15 -> billing 15; usage 20
        assertThat(lines(arranged)).containsExactly(2L, 1L, 3L, 4L, 5L);
    }

    @Test
    void arrivalOrderGivesTiesToTheEarlierLine() {
        EventOrder.Arranged arranged = EventOrder.ARRIVAL.arrange(file(BILLING, 7, USAGE, 7, BILLING, 7, USAGE, 7));
        assertThat(lines(arranged)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    @DisplayName("arrival order counts the lines earlier than an earlier line of their own topic only")
    void arrivalOrderCountsLinesBehindTheirTopic() {
        // Line 2 is earlier than line 1, but of another topic: in order. Lines 4 and 5 are behind line 3.
        EventOrder.Arranged arranged =
                EventOrder.ARRIVAL.arrange(file(USAGE, 10, BILLING, 5, USAGE, 30, USAGE, 20, USAGE, 25, BILLING, 6));
        assertThat(arranged.outOfOrder()).isEqualTo(2);
        assertThat(arranged.firstOutOfOrderLine()).isEqualTo(OptionalLong.of(4));
    }

    @Test
    void anEmptyFileArrangesToNothing() {
        for (EventOrder order : EventOrder.values()) {
            EventOrder.Arranged arranged = order.arrange(List.of());
            assertThat(arranged.events()).isEmpty();
            assertThat(arranged.outOfOrder()).isZero();
            assertThat(arranged.firstOutOfOrderLine()).isEmpty();
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
