package io.healthstream.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.backtest.Backtest;
import io.healthstream.backtest.BacktestRules;
import io.healthstream.backtest.BacktestTable;
import io.healthstream.backtest.ExportHistory;
import io.healthstream.backtest.Figures;
import io.healthstream.backtest.FlagRule;
import io.healthstream.backtest.SvgChart;
import io.healthstream.backtest.Trajectories;
import io.healthstream.backtest.VerdictChange;
import io.healthstream.backtest.WeightFit;
import io.healthstream.replay.BacktestJson;
import io.healthstream.replay.BacktestReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code healthstream backtest}: had this model been running, whom would it have flagged, how early, how often wrongly. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = {
            "Replays an export (the replay input format) through the real topology and scores the model against "
                    + "what happened in it: precision, recall, lead time, false alarms, AUC and the MRR caught and missed.",
            "Writes DIR/backtest.json (every figure and each account's verdict), DIR/backtest.svg (a chart) and the "
                    + "replays' outputs under DIR/replay*."
        })
final class BacktestCommand implements Callable<Integer> {
    static final String REPORT_FILE = "backtest.json";
    static final String CHART_FILE = "backtest.svg";
    static final String COMPARE_CHART_FILE = "backtest-compare.svg";
    static final String FITTED_FILE = "fitted.properties";
    /** Verdict changes printed on the terminal; backtest.json has them all. */
    private static final int CHANGES_SHOWN = 20;

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events, one JSON object per line.")
    private Path input;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The model to test (properties); defaults otherwise.")
    private Path config;

    @Option(names = "--compare", paramLabel = "FILE", description = "A second model to test side by side.")
    private Path compare;

    @Option(
            names = "--horizon-days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description = "How far ahead a flag must see churn coming (default ${DEFAULT-VALUE}).")
    private int horizonDays;

    @Option(
            names = "--flag",
            paramLabel = "RED|CRITICAL",
            defaultValue = "RED",
            converter = FlagConverter.class,
            description =
                    "RED (default): flagged when the band becomes RED; CRITICAL: when any CRITICAL churn signal fires.")
    private FlagRule flag;

    @Option(
            names = "--fit",
            description = "Search the weights (step 0.05) and the RED threshold for the best recall at a precision "
                    + "no lower than the model's; prints the winner as properties.")
    private boolean fit;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            defaultValue = "backtest",
            description =
                    "Directory for the report, the chart and the replays; created if missing (default ${DEFAULT-VALUE}).")
    private Path output;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Replays run side by side, the accounts split between them (default: the processors).")
    private Integer threads;

    @Override
    public Integer call() throws IOException {
        if (horizonDays < 1) {
            throw new UserError("--horizon-days must be at least 1, got " + horizonDays);
        }
        if (threads != null && threads < 1) {
            throw new UserError("--threads must be at least 1, got " + threads);
        }
        if (fit && compare != null) {
            throw new UserError("--fit and --compare cannot be combined: fit one model, then compare it");
        }
        CommandFiles.requireInputFile(input);
        Settings model = Settings.load(config, System.getenv());
        Settings other = compare == null ? null : Settings.load(compare, System.getenv());
        CommandFiles.prepareOutputDir(output);
        BacktestRules rules = new BacktestRules(Duration.ofDays(horizonDays), flag);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();

        ExportHistory history = history(model, "replay", err);
        Figures figures = Backtest.evaluate(history, rules);
        List<BacktestTable.Column> columns = new ArrayList<>();
        columns.add(new BacktestTable.Column(model.modelVersion(), figures));
        BacktestJson json = new BacktestJson(input.toString(), figures).model(model.modelVersion(), figures);
        chart(history, figures, model, CHART_FILE);

        List<VerdictChange> changes = List.of();
        if (other != null) {
            ExportHistory otherHistory = history(other, "replay-compare", err);
            Figures otherFigures = Backtest.evaluate(otherHistory, rules);
            columns.add(new BacktestTable.Column(other.modelVersion(), otherFigures));
            changes = VerdictChange.between(figures, otherFigures);
            json.model(other.modelVersion(), otherFigures).changes(changes);
            chart(otherHistory, otherFigures, other, COMPARE_CHART_FILE);
        }
        WeightFit.Result fitted = null;
        if (fit) {
            long fitStarted = System.nanoTime();
            fitted = new WeightFit(history, rules, model.model().bands())
                    .search(model.model().weights());
            err.printf(
                    Locale.ROOT,
                    "backtest: fitted %,d candidates in %.1f s%n",
                    fitted.candidates(),
                    seconds(fitStarted));
            columns.add(new BacktestTable.Column("fitted (re-scored)", fitted.bestFigures()));
            json.fit(fitted, properties(fitted));
            // The whole model, ready for --config: the tested file, then the fitted keys, which win.
            String tested = config == null ? "" : Files.readString(config, StandardCharsets.UTF_8) + "\n";
            Files.writeString(output.resolve(FITTED_FILE), tested + properties(fitted), StandardCharsets.UTF_8);
        }

        out.printf(
                "Backtest of %s: events up to %s, horizon %d days, flagged when %s%n",
                input,
                figures.lastEventTime(),
                horizonDays,
                flag == FlagRule.RED ? "the band becomes RED" : "a CRITICAL churn signal fires");
        BacktestTable.render(columns).forEach(out::println);
        if (other != null) {
            out.printf("Verdicts that changed: %d%n", changes.size());
            changes.stream()
                    .limit(CHANGES_SHOWN)
                    .forEach(
                            change -> out.printf("  %-30s %s -> %s%n", change.accountId(), change.from(), change.to()));
            if (changes.size() > CHANGES_SHOWN) {
                out.printf("  ... and %d more in %s%n", changes.size() - CHANGES_SHOWN, output.resolve(REPORT_FILE));
            }
        }
        if (fitted != null) {
            out.printf(
                    "Fitted model (%,d candidates; precision floor %.3f, the model's own re-scored); %s:%n",
                    fitted.candidates(), fitted.currentCounts().precision().orElse(0), output.resolve(FITTED_FILE));
            out.print(properties(fitted));
        }
        Files.writeString(
                output.resolve(REPORT_FILE),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json.json()) + "\n",
                StandardCharsets.UTF_8);
        out.printf(
                Locale.ROOT,
                "Report written to %s, chart to %s (%.1f s)%n",
                output.resolve(REPORT_FILE),
                output.resolve(CHART_FILE),
                seconds(started));
        out.flush();
        return 0;
    }

    private ExportHistory history(Settings settings, String dir, PrintWriter err) throws IOException {
        int parts = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new BacktestReplay(settings.topology(), settings.streamsProperties(), line -> {
                    err.println("backtest: " + line);
                    err.flush();
                })
                .run(input, output.resolve(dir), parts);
    }

    private void chart(ExportHistory history, Figures figures, Settings settings, String file) throws IOException {
        Trajectories trajectories =
                Trajectories.of(history, figures, settings.model().bands().redMax());
        String title = "Health score before churn: churned vs retained accounts (" + settings.modelVersion() + ")";
        Files.writeString(output.resolve(file), SvgChart.render(trajectories, title), StandardCharsets.UTF_8);
    }

    private String properties(WeightFit.Result fitted) {
        Figures best = fitted.bestFigures();
        return String.format(
                        Locale.ROOT,
                        "# Fitted by healthstream backtest --fit on %s (horizon %d days, --flag %s): recall %s, "
                                + "precision %s, false-alarm rate %s, %d TP / %d FP / %d FN.%n"
                                + "# Fitted to this export only: it overfits a small one. Check it with backtest --config.%n",
                        input,
                        horizonDays,
                        flag,
                        ratio(best.counts().recall()),
                        ratio(best.counts().precision()),
                        ratio(best.counts().falseAlarmRate()),
                        best.counts().truePositives(),
                        best.counts().falsePositives(),
                        best.counts().falseNegatives())
                + "model.weights.usage=" + decimal(fitted.best().weights().usage()) + "\n"
                + "model.weights.billing=" + decimal(fitted.best().weights().billing()) + "\n"
                + "model.weights.support=" + decimal(fitted.best().weights().support()) + "\n"
                + "model.weights.nps=" + decimal(fitted.best().weights().nps()) + "\n"
                + "model.bands.red.max=" + decimal(fitted.best().redMax()) + "\n";
    }

    private static String ratio(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "-";
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value)
                .setScale(4, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** RED or CRITICAL, in any case. */
    static final class FlagConverter implements CommandLine.ITypeConverter<FlagRule> {
        @Override
        public FlagRule convert(String value) {
            try {
                return FlagRule.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("--flag must be RED or CRITICAL, got '" + value + "'");
            }
        }
    }
}
