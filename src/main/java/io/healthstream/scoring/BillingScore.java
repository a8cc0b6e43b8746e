package io.healthstream.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** B = the billing status's score minus a penalty per contraction in the usage window, floor 0. */
final class BillingScore {
    private BillingScore() {
    }

    static ComponentScore compute(AccountState state, Instant now, ModelConfig config) {
        ModelConfig.BillingRules rules = config.billing();
        double weight = config.weights().billing();
        double base = state.billing.score(rules);
        long contractions = state.contractions.stream().filter(at -> at.isAfter(now.minus(config.usage().window()))).count();
        double score = Math.max(0, base - contractions * rules.contractionPenalty());

        List<Driver> drivers = new ArrayList<>();
        drivers.add(new Driver("billing", "billing " + describe(state.billing) + ": " + Points.format(base) + " billing",
                weight * base));
        if (contractions > 0) {
            double deduction = base - score;
            drivers.add(new Driver("billing", Points.plural(contractions, "contraction", "contractions") + " in "
                    + config.usage().window().toDays() + " days: -" + Points.format(deduction) + " billing",
                    -weight * deduction));
        }
        return new ComponentScore(score, drivers);
    }

    private static String describe(BillingStatus status) {
        return status == BillingStatus.NONE ? "status unknown, treated as active"
                : status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
