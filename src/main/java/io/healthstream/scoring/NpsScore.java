package io.healthstream.scoring;

import java.time.Instant;

/** N = 10 x the mean of each user's latest answer in the window, or the no-data score. */
final class NpsScore {
    private NpsScore() {}

    static ComponentScore compute(AccountState state, Instant now, ModelConfig config) {
        ModelConfig.NpsRules rules = config.nps();
        Instant from = now.minus(rules.window());
        long answers = 0;
        long sum = 0;
        for (AccountState.NpsEntry answer : state.npsByUser().values()) {
            if (answer.at().isAfter(from) && !answer.at().isAfter(now)) {
                answers++;
                sum += answer.score();
            }
        }
        if (answers == 0) {
            return new ComponentScore(
                    "nps",
                    rules.noDataScore(),
                    () -> "no NPS answer in " + rules.window().toDays() + " days");
        }
        double mean = (double) sum / answers;
        long users = answers;
        return new ComponentScore(
                "nps",
                10 * mean,
                () -> "mean NPS " + Points.format(mean) + " from " + Points.plural(users, "user", "users"));
    }
}
