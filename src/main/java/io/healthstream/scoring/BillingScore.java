package io.healthstream.scoring;

import java.time.Instant;
import java.util.Locale;

/** B = the billing status's score minus a penalty per contraction in the usage window, floor 0. */
final class BillingScore {
    private BillingScore() {}

    static ComponentScore compute(AccountState state, Instant now, ModelConfig config) {
        ModelConfig.BillingRules rules = config.billing();
        double base = state.billing().score(rules);
        Instant windowStart = now.minus(config.usage().window());
        long contractions = state.contractions().stream()
                .filter(at -> at.isAfter(windowStart))
                .count();
        double score = Math.max(0, base - contractions * rules.contractionPenalty());
        return new ComponentScore(
                "billing",
                score,
                () -> "billing " + describe(state.billing())
                        + (contractions == 0
                                ? ""
                                : ", " + Points.plural(contractions, "contraction", "contractions") + " in "
                                        + config.usage().window().toDays() + " days (-" + Points.format(base - score)
                                        + ")"));
    }

    private static String describe(BillingStatus status) {
        return status == BillingStatus.NONE
                ? "status unknown, treated as active"
                : status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
