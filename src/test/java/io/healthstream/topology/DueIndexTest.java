package io.healthstream.topology;

import static io.healthstream.testdata.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The task's index of accounts by their next due moment. */
class DueIndexTest {
    private final DueIndex index = new DueIndex();

    @Test
    @DisplayName("an account is due once, at its latest moment, however often that is set")
    void anAccountIsDueOnceAtItsLatestMoment() {
        index.set("acc-1", Optional.of(T0.plusSeconds(10)));
        index.set("acc-1", Optional.of(T0.plusSeconds(10)));
        index.set("acc-2", Optional.of(T0.plusSeconds(20)));
        index.set("acc-2", Optional.of(T0.plusSeconds(5)));

        assertThat(index.dueBefore(T0.plusSeconds(30)))
                .containsExactly(
                        new DueIndex.Due("acc-2", T0.plusSeconds(5)), new DueIndex.Due("acc-1", T0.plusSeconds(10)));
        assertThat(index.nextDue("acc-1")).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    @DisplayName("an account no longer due leaves the index")
    void anAccountNoLongerDueLeaves() {
        index.set("acc-1", Optional.of(T0.plusSeconds(10)));
        index.set("acc-1", Optional.empty());
        index.set("acc-2", Optional.empty());

        assertThat(index.dueBefore(T0.plusSeconds(30))).isEmpty();
        assertThat(index.size()).isZero();
        assertThat(index.nextDue("acc-1")).isNull();
    }
}
