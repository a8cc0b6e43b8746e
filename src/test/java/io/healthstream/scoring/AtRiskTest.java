package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AtRiskTest {
    private static final Instant AS_OF = Instant.parse("2026-11-10T12:00:00Z");

    @Test
    void aRedAccountIsAtRiskWithoutAnySignal() {
        assertThat(AtRisk.isAtRisk(Band.RED, Optional.empty(), AS_OF)).isTrue();
    }

    @Test
    void aGreenAccountWithoutACriticalSignalIsNot() {
        assertThat(AtRisk.isAtRisk(Band.GREEN, Optional.empty(), AS_OF)).isFalse();
    }

    @Test
    void aGreenAccountWithACriticalSignalOfTheLastSevenDaysIs() {
        assertThat(AtRisk.isAtRisk(Band.GREEN, Optional.of(Instant.parse("2026-11-03T12:00:01Z")), AS_OF))
                .isTrue();
    }

    @Test
    void aCriticalSignalExactlySevenDaysOldIsNoLongerNew() {
        assertThat(AtRisk.isAtRisk(Band.YELLOW, Optional.of(Instant.parse("2026-11-03T12:00:00Z")), AS_OF))
                .isFalse();
    }

    @Test
    void aSignalAtTheClockItselfIsNewButOneAfterItIsNot() {
        assertThat(AtRisk.isNew(AS_OF, AS_OF)).isTrue();
        assertThat(AtRisk.isNew(AS_OF.plusMillis(1), AS_OF)).isFalse();
    }
}
