package io.healthstream.backtest;

import io.healthstream.scoring.TouchModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The backtest as the terminal shows it: one column per model, one figure a row. */
public final class BacktestTable {
    private static final int LABEL = 38;
    private static final int COLUMN = 22;

    private BacktestTable() {}

    /** A model's figures under the name the table gives its column: its model_version. */
    public record Column(String modelVersion, Figures figures) {}

    public static List<String> render(List<Column> columns) {
        List<String> rows = new ArrayList<>();
        row(rows, "model_version", columns, Column::modelVersion);
        row(rows, "accounts", columns, c -> count(c.figures().counts().accounts()));
        row(rows, "churned", columns, c -> count(c.figures().counts().churned()));
        row(
                rows,
                "true positives (caught)",
                columns,
                c -> count(c.figures().counts().truePositives()));
        row(
                rows,
                "false positives (false alarms)",
                columns,
                c -> count(c.figures().counts().falsePositives()));
        row(
                rows,
                "false negatives (missed)",
                columns,
                c -> count(c.figures().counts().falseNegatives()));
        row(rows, "true negatives", columns, c -> count(c.figures().counts().trueNegatives()));
        row(rows, "not yet judged", columns, c -> count(c.figures().counts().notYetJudged()));
        row(rows, "precision", columns, c -> ratio(c.figures().counts().precision()));
        row(rows, "recall", columns, c -> ratio(c.figures().counts().recall()));
        row(rows, "false-alarm rate", columns, c -> ratio(c.figures().counts().falseAlarmRate()));
        row(rows, "lead time, days: median", columns, c -> days(c.figures().leadTimeDays(), Quartiles::median));
        row(rows, "  first quartile", columns, c -> days(c.figures().leadTimeDays(), Quartiles::q1));
        row(rows, "  third quartile", columns, c -> days(c.figures().leadTimeDays(), Quartiles::q3));
        row(
                rows,
                "AUC " + Auc.DAYS_BEFORE_CHURN + " days before churn",
                columns,
                c -> auc(c.figures().auc()));
        for (TouchModel tier : TouchModel.values()) {
            row(
                    rows,
                    "  " + tier,
                    columns,
                    c -> Optional.ofNullable(c.figures().byTier().get(tier))
                            .map(t -> auc(t.auc()))
                            .orElse("-"));
        }
        for (String segment : segments(columns)) {
            row(
                    rows,
                    "  segment " + segment,
                    columns,
                    c -> Optional.ofNullable(c.figures().bySegment().get(segment))
                            .map(t -> auc(t.auc()))
                            .orElse("-"));
        }
        for (String currency : currencies(columns)) {
            row(
                    rows,
                    "MRR caught, " + currency + " minor units",
                    columns,
                    c -> count(c.figures().mrrCaught().getOrDefault(currency, 0L)));
            row(
                    rows,
                    "MRR missed, " + currency + " minor units",
                    columns,
                    c -> count(c.figures().mrrMissed().getOrDefault(currency, 0L)));
        }
        rows.add("  per touch tier: TP / FP / FN / not yet judged");
        for (TouchModel tier : TouchModel.values()) {
            row(
                    rows,
                    "  " + tier,
                    columns,
                    c -> Optional.ofNullable(c.figures().byTier().get(tier))
                            .map(t -> t.counts().truePositives() + " / "
                                    + t.counts().falsePositives() + " / "
                                    + t.counts().falseNegatives() + " / "
                                    + t.counts().notYetJudged())
                            .orElse("-"));
        }
        rows.add("  per segment: TP / FP / FN / not yet judged");
        for (String segment : segments(columns)) {
            row(
                    rows,
                    "  " + segment,
                    columns,
                    c -> Optional.ofNullable(c.figures().bySegment().get(segment))
                            .map(t -> t.counts().truePositives() + " / "
                                    + t.counts().falsePositives() + " / "
                                    + t.counts().falseNegatives() + " / "
                                    + t.counts().notYetJudged())
                            .orElse("-"));
        }
        return rows;
    }

    private static TreeSet<String> segments(List<Column> columns) {
        return columns.stream()
                .flatMap(c -> c.figures().bySegment().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TreeSet<String> currencies(List<Column> columns) {
        return columns.stream()
                .flatMap(c -> Stream.of(c.figures().mrrCaught(), c.figures().mrrMissed()))
                .map(Map::keySet)
                .flatMap(Set::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void row(List<String> rows, String label, List<Column> columns, Function<Column, String> value) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + LABEL + "s", label));
        columns.forEach(column -> row.append(String.format(Locale.ROOT, "%" + COLUMN + "s", value.apply(column))));
        rows.add(row.toString());
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "-";
    }

    private static String days(Optional<Quartiles> quartiles, ToDoubleFunction<Quartiles> which) {
        return quartiles
                .map(q -> String.format(Locale.ROOT, "%.1f", which.applyAsDouble(q)))
                .orElse("-");
    }

    private static String auc(Auc auc) {
        return auc.value().isPresent()
                ? String.format(Locale.ROOT, "%.3f (%d)", auc.value().getAsDouble(), auc.churned())
                : "-";
    }
}
