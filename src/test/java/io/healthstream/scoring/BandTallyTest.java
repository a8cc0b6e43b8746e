package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BandTallyTest {
    @Test
    void accountsAndMrrAddUpPerBandAndCurrency() {
        BandTally tally = BandTally.EMPTY
                .plus(Band.RED, 49_00, "USD")
                .plus(Band.RED, 150_00, "USD")
                .plus(Band.RED, 80_00, "EUR")
                .plus(Band.GREEN, 1_000_00, "USD");

        assertThat(tally.accountsIn(Band.RED)).isEqualTo(3);
        assertThat(tally.mrrIn(Band.RED)).containsExactly(Map.entry("EUR", 80_00L), Map.entry("USD", 199_00L));
        assertThat(tally.accountsIn(Band.GREEN)).isEqualTo(1);
        assertThat(tally.accountsIn(Band.THRIVING)).isZero();
        assertThat(tally.mrrIn(Band.THRIVING)).isEmpty();
    }

    @Test
    void anAccountWithoutACurrencyIsCountedWithoutMrr() {
        BandTally tally = BandTally.EMPTY.plus(Band.YELLOW, 0, null);

        assertThat(tally.accountsIn(Band.YELLOW)).isEqualTo(1);
        assertThat(tally.mrrIn(Band.YELLOW)).isEmpty();
    }

    @Test
    void tallyOfTwoInstancesMergeInEitherOrder() {
        BandTally first = BandTally.EMPTY.plus(Band.RED, 10_00, "USD").plus(Band.GREEN, 20_00, "USD");
        BandTally second = BandTally.EMPTY.plus(Band.RED, 5_00, "USD");

        assertThat(first.merge(second)).isEqualTo(second.merge(first));
        assertThat(first.merge(second).accountsIn(Band.RED)).isEqualTo(2);
        assertThat(first.merge(second).mrrIn(Band.RED)).containsExactly(Map.entry("USD", 15_00L));
    }
}
