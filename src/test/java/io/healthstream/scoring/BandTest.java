package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BandTest {
    private static final ModelConfig.Bands BANDS = ModelConfig.defaults().bands();

    @ParameterizedTest(name = "{0} is {1}")
    @DisplayName("bands are inclusive at their upper bound: 0-40 RED, 41-70 YELLOW, 71-100 GREEN, over 100 THRIVING")
    @CsvSource({
        "0,      RED",
        "39.99,  RED",
        "40,     RED",
        "40.01,  YELLOW",
        "70,     YELLOW",
        "70.01,  GREEN",
        "100,    GREEN",
        "100.01, THRIVING",
        "200,    THRIVING"
    })
    void bandOfTheExactScore(double score, Band expected) {
        assertThat(Band.of(score, BANDS)).isEqualTo(expected);
    }

    @Test
    void exactlyFortyIsRed() {
        assertThat(Band.of(40.0, BANDS)).isEqualTo(Band.RED);
    }

    @Test
    void exactlyHundredIsGreen() {
        assertThat(Band.of(100.0, BANDS)).isEqualTo(Band.GREEN);
    }

    @Test
    @DisplayName("a score a hair above 40 is YELLOW although it rounds to 40")
    void bandIsDecidedOnTheUnroundedScore() {
        assertThat(Band.of(40.001, BANDS)).isEqualTo(Band.YELLOW);
    }

    @Test
    void configuredBoundsMoveTheBands() {
        ModelConfig.Bands bands = new ModelConfig.Bands(30, 60, 90);

        assertThat(Band.of(30, bands)).isEqualTo(Band.RED);
        assertThat(Band.of(35, bands)).isEqualTo(Band.YELLOW);
        assertThat(Band.of(90.5, bands)).isEqualTo(Band.THRIVING);
    }
}
