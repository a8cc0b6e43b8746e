package io.healthstream.scoring;

/** How much human attention an account gets, chosen by contract value (DOMAIN.md, onboarding models). */
public enum TouchModel {
    LOW_TOUCH,
    MID_TOUCH,
    HIGH_TOUCH;

    /** LOW below {@code touch.low.max-mrr}, HIGH from {@code touch.high.min-mrr}, MID between. */
    public static TouchModel of(long mrr, ModelConfig.TouchRules rules) {
        if (mrr < rules.lowMaxMrr()) {
            return LOW_TOUCH;
        }
        return mrr >= rules.highMinMrr() ? HIGH_TOUCH : MID_TOUCH;
    }
}
