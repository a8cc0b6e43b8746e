package io.healthstream.scoring;

import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.nps;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NpsScoreTest {
    private static final ModelConfig DEFAULTS = ModelConfig.defaults();

    private static double npsScore(AccountState state, Instant now) {
        return NpsScore.compute(state, now, DEFAULTS).value();
    }

    @Test
    @DisplayName("no answer in the window scores 70")
    void noAnswerScoresSeventy() {
        assertThat(npsScore(AccountState.EMPTY, T0)).isEqualTo(70.0);
    }

    @Test
    @DisplayName("N = 10 x the mean: answers 9 and 6 give 75")
    void scoreIsTenTimesTheMeanOfTheUsersAnswers() {
        AccountState state = AccountState.builder()
                .nps("u-1", new AccountState.NpsEntry(9, T0))
                .nps("u-2", new AccountState.NpsEntry(6, T0))
                .build();

        assertThat(npsScore(state, T0)).isEqualTo(75.0);
    }

    @Test
    void onlyEachUsersLatestAnswerCounts() {
        AccountTimeline account = AccountTimeline.withDefaults();
        account.apply(nps(3).user("u-1").at(T0).build());
        account.apply(nps(9).user("u-1").at(T0.plus(Duration.ofDays(1))).build());
        account.apply(nps(7).user("u-2").at(T0.plus(Duration.ofDays(1))).build());

        assertThat(npsScore(account.state, T0.plus(Duration.ofDays(1)))).isEqualTo(80.0);
    }

    @Test
    void olderAnswerArrivingLateDoesNotReplaceTheUsersLatest() {
        AccountTimeline account = AccountTimeline.withDefaults();
        account.apply(nps(9).user("u-1").at(T0.plus(Duration.ofDays(1))).build());
        account.apply(nps(2).user("u-1").at(T0).build());

        assertThat(npsScore(account.state, T0.plus(Duration.ofDays(1)))).isEqualTo(90.0);
    }

    @Test
    void answerEightyNineDaysOldStillCounts() {
        AccountState state = AccountState.builder()
                .nps("u-1", new AccountState.NpsEntry(9, T0))
                .build();

        assertThat(npsScore(state, T0.plus(Duration.ofDays(89)))).isEqualTo(90.0);
    }

    @Test
    void answerNinetyDaysOldFallsBackToNoData() {
        AccountState state = AccountState.builder()
                .nps("u-1", new AccountState.NpsEntry(9, T0))
                .build();

        assertThat(npsScore(state, T0.plus(Duration.ofDays(90)))).isEqualTo(70.0);
    }

    @Test
    void noDataScoreIsConfigurable() {
        ModelConfig config = Models.with(java.util.Map.of("nps.no-data.score", "50"));

        assertThat(NpsScore.compute(AccountState.EMPTY, T0, config).value()).isEqualTo(50.0);
    }
}
