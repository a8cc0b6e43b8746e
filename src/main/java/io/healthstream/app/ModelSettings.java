package io.healthstream.app;

import io.healthstream.scoring.ModelConfig;

/** Reads the customer-health model from the configuration; {@link ModelConfig} checks its own invariants. */
final class ModelSettings {
    private ModelSettings() {}

    static ModelConfig read(ConfigValues read) {
        ModelConfig.Weights weights = new ModelConfig.Weights(
                read.number("model.weights.usage"),
                read.number("model.weights.billing"),
                read.number("model.weights.support"),
                read.number("model.weights.nps"));
        ModelConfig.Bands bands = new ModelConfig.Bands(
                read.number("model.bands.red.max"),
                read.number("model.bands.yellow.max"),
                read.number("model.bands.green.max"));
        ModelConfig.UsageRules usage = new ModelConfig.UsageRules(
                read.days("usage.window.days"),
                read.family("usage.impact.<action>", false),
                read.number("usage.impact.default"),
                read.family("usage.expected.plan.<plan>", true),
                read.positive("usage.expected.default"),
                read.number("usage.score.cap"));
        ModelConfig.BillingRules billing = new ModelConfig.BillingRules(
                read.number("billing.score.active"),
                read.number("billing.score.trial"),
                read.number("billing.score.past-due"),
                read.number("billing.score.cancelled"),
                read.number("billing.contraction.penalty"));
        ModelConfig.SupportRules support = new ModelConfig.SupportRules(
                read.number("support.penalty.low"),
                read.number("support.penalty.normal"),
                read.number("support.penalty.high"),
                read.number("support.penalty.urgent"),
                read.number("support.penalty.escalated"));
        ModelConfig.NpsRules nps =
                new ModelConfig.NpsRules(read.days("nps.window.days"), read.number("nps.no-data.score"));
        ModelConfig.TouchRules touch = new ModelConfig.TouchRules(
                (long) read.number("touch.low.max-mrr"), (long) read.number("touch.high.min-mrr"));
        ModelConfig.SignalRules signals = new ModelConfig.SignalRules(
                read.number("signals.usage-drop.percent"),
                read.days("signals.inactivity.days"),
                read.days("signals.onboarding-stalled.days"));
        return new ModelConfig(
                weights,
                bands,
                usage,
                billing,
                support,
                nps,
                touch,
                signals,
                read.list("onboarding.steps"),
                read.number("health.emit.min-delta"));
    }
}
