package io.healthstream.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.backtest.AccountVerdict;
import io.healthstream.backtest.Auc;
import io.healthstream.backtest.Counts;
import io.healthstream.backtest.Figures;
import io.healthstream.backtest.Quartiles;
import io.healthstream.backtest.VerdictChange;
import io.healthstream.backtest.WeightFit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** {@code backtest.json}: every figure of every model, each account's verdict, and what changed or was fitted. */
public final class BacktestJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode root = JSON.objectNode();
    private final ArrayNode models;

    public BacktestJson(String input, Figures first) {
        root.put("input", input);
        root.put("horizon_days", first.rules().horizon().toDays());
        root.put("flag", first.rules().flag().name());
        root.put("last_event_time", first.lastEventTime().toString());
        root.put("auc_days_before_churn", Auc.DAYS_BEFORE_CHURN);
        models = root.putArray("models");
    }

    public BacktestJson model(String modelVersion, Figures figures) {
        ObjectNode model = models.addObject();
        model.put("model_version", modelVersion);
        counts(model, figures.counts());
        ObjectNode lead = model.putObject("lead_time_days");
        quartiles(lead, figures.leadTimeDays());
        auc(model.putObject("auc"), figures.auc());
        ObjectNode tiers = model.putObject("by_touch_tier");
        figures.byTier().forEach((tier, tierFigures) -> {
            ObjectNode node = tiers.putObject(tier.name());
            counts(node, tierFigures.counts());
            auc(node.putObject("auc"), tierFigures.auc());
        });
        ObjectNode segments = model.putObject("by_segment");
        figures.bySegment().forEach((segment, segmentFigures) -> {
            ObjectNode node = segments.putObject(segment);
            counts(node, segmentFigures.counts());
            auc(node.putObject("auc"), segmentFigures.auc());
        });
        money(model.putObject("mrr_caught"), figures.mrrCaught());
        money(model.putObject("mrr_missed"), figures.mrrMissed());
        ArrayNode verdicts = model.putArray("verdicts");
        figures.verdicts().forEach(verdict -> verdict(verdicts.addObject(), verdict));
        return this;
    }

    public BacktestJson changes(List<VerdictChange> changes) {
        ArrayNode array = root.putArray("verdict_changes");
        changes.forEach(change -> array.addObject()
                .put("account_id", change.accountId())
                .put("from", change.from().name())
                .put("to", change.to().name()));
        return this;
    }

    public BacktestJson fit(WeightFit.Result fit, String properties) {
        ObjectNode node = root.putObject("fit");
        node.put("candidates", fit.candidates());
        node.put("precision_floor", fit.currentCounts().precision().orElse(0));
        counts(node.putObject("current_rescored"), fit.currentCounts());
        node.put("properties", properties);
        ObjectNode best = node.putObject("best");
        best.put("model.weights.usage", fit.best().weights().usage());
        best.put("model.weights.billing", fit.best().weights().billing());
        best.put("model.weights.support", fit.best().weights().support());
        best.put("model.weights.nps", fit.best().weights().nps());
        best.put("model.bands.red.max", fit.best().redMax());
        counts(best, fit.bestFigures().counts());
        quartiles(best.putObject("lead_time_days"), fit.bestFigures().leadTimeDays());
        auc(best.putObject("auc"), fit.bestFigures().auc());
        return this;
    }

    public ObjectNode json() {
        return root;
    }

    private static void counts(ObjectNode node, Counts counts) {
        node.put("accounts", counts.accounts());
        node.put("churned", counts.churned());
        node.put("true_positives", counts.truePositives());
        node.put("false_positives", counts.falsePositives());
        node.put("false_negatives", counts.falseNegatives());
        node.put("true_negatives", counts.trueNegatives());
        node.put("not_yet_judged", counts.notYetJudged());
        ratio(node, "precision", counts.precision());
        ratio(node, "recall", counts.recall());
        ratio(node, "false_alarm_rate", counts.falseAlarmRate());
    }

    private static void quartiles(ObjectNode node, Optional<Quartiles> quartiles) {
        ratio(node, "q1", quartiles.map(q -> OptionalDouble.of(q.q1())).orElse(OptionalDouble.empty()));
        ratio(node, "median", quartiles.map(q -> OptionalDouble.of(q.median())).orElse(OptionalDouble.empty()));
        ratio(node, "q3", quartiles.map(q -> OptionalDouble.of(q.q3())).orElse(OptionalDouble.empty()));
    }

    private static void auc(ObjectNode node, Auc auc) {
        ratio(node, "value", auc.value());
        node.put("churned", auc.churned());
        node.put("churned_unscored", auc.churnedUnscored());
        node.put("pairs", auc.pairs());
    }

    private static void money(ObjectNode node, Map<String, Long> byCurrency) {
        byCurrency.forEach(node::put);
    }

    private static void verdict(ObjectNode node, AccountVerdict verdict) {
        node.put("account_id", verdict.accountId());
        node.put("verdict", verdict.verdict().name());
        node.put("touch_tier", verdict.tier().name());
        node.put("segment", verdict.segment());
        node.put("flags", verdict.flags());
        if (verdict.churn().isPresent()) {
            node.put("churned_at", verdict.churn().get().at().toString());
            node.put("mrr_lost", verdict.churn().get().mrr());
            node.put("currency", verdict.churn().get().currency());
        } else {
            node.putNull("churned_at");
        }
        if (verdict.firstFlag().isPresent()) {
            node.put("first_flag", verdict.firstFlag().get().toString());
        } else {
            node.putNull("first_flag");
        }
        ratio(node, "lead_time_days", verdict.leadTimeDays());
    }

    private static void ratio(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }
}
