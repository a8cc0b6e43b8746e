package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpsGroupTest {

    @ParameterizedTest(name = "{0} is a {1}")
    @CsvSource({
        "0, DETRACTOR", "6, DETRACTOR",
        "7, PASSIVE", "8, PASSIVE",
        "9, PROMOTER", "10, PROMOTER"
    })
    void categoryOfTheScore(int score, NpsGroup expected) {
        assertThat(NpsGroup.of(score)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 11})
    void scoreOutsideZeroToTenIsRejected(int score) {
        assertThatThrownBy(() -> NpsGroup.of(score))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(score));
    }

    @Test
    void detractorIsFollowedUpWithinTwentyFourHours() {
        assertThat(NpsGroup.DETRACTOR.respondWithinHours()).isEqualTo(24);
    }

    @Test
    void followUpsFollowTheDomainPlaybook() {
        assertThat(Playbook.forNps(NpsGroup.DETRACTOR, TouchModel.LOW_TOUCH)).contains("within 24 hours");
        assertThat(Playbook.forNps(NpsGroup.PASSIVE, TouchModel.LOW_TOUCH)).contains("guide to a complex feature");
        assertThat(Playbook.forNps(NpsGroup.PROMOTER, TouchModel.LOW_TOUCH)).contains("referral or a case study");
    }
}
