package io.healthstream.scoring;

import java.time.Instant;
import java.util.List;

/** N = 10 x the mean of each user's latest answer in the window, or the no-data score. */
final class NpsScore {
    private NpsScore() {
    }

    static ComponentScore compute(AccountState state, Instant now, ModelConfig config) {
        ModelConfig.NpsRules rules = config.nps();
        double weight = config.weights().nps();
        Instant from = now.minus(rules.window());
        List<Integer> scores = state.npsByUser.values().stream()
                .filter(answer -> answer.at().isAfter(from))
                .map(AccountState.NpsEntry::score)
                .toList();
        if (scores.isEmpty()) {
            return new ComponentScore(rules.noDataScore(), List.of(new Driver("nps",
                    "no NPS answer in " + rules.window().toDays() + " days: " + Points.format(rules.noDataScore()) + " nps",
                    weight * rules.noDataScore())));
        }
        double mean = scores.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double score = 10 * mean;
        return new ComponentScore(score, List.of(new Driver("nps", "mean NPS " + Points.format(mean) + " from "
                + Points.plural(scores.size(), "user", "users") + ": " + Points.format(score) + " nps", weight * score)));
    }
}
