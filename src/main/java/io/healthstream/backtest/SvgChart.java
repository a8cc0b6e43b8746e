package io.healthstream.backtest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Draws {@link Trajectories} as a small self-contained SVG: the median score of churned and of retained
 * accounts by days before churn, each with its quartile band, and the RED threshold. Plain SVG text, so it
 * needs no library and renders on GitHub.
 */
public final class SvgChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 360;
    private static final int LEFT = 56;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 48;
    private static final double MAX_SCORE = 120;
    private static final String CHURNED = "#c62828";
    private static final String RETAINED = "#2e7d32";

    private SvgChart() {}

    public static String render(Trajectories trajectories, String title) {
        List<Trajectories.Day> days = trajectories.days();
        int horizon = days.isEmpty() ? 1 : Math.max(1, days.get(0).daysBeforeChurn());
        Function<Double, Double> x = before -> LEFT + (WIDTH - LEFT - RIGHT) * (1 - before / horizon);
        Function<Double, Double> y =
                score -> TOP + (HEIGHT - TOP - BOTTOM) * (1 - Math.min(score, MAX_SCORE) / MAX_SCORE);
        StringBuilder svg = new StringBuilder();
        svg.append(format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(format(
                "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        for (int score = 0; score <= MAX_SCORE; score += 20) {
            double at = y.apply((double) score);
            svg.append(format(
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n",
                    LEFT, at, WIDTH - RIGHT, at, LEFT - 6, at + 4, score));
        }
        for (int before = horizon; before >= 0; before -= Math.max(1, horizon / 6)) {
            double at = x.apply((double) before);
            svg.append(format(
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", at, HEIGHT - BOTTOM + 16, before));
        }
        svg.append(format(
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">days before churn (retained accounts: on the same dates)</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12));
        band(svg, days, Trajectories.Day::retained, x, y, RETAINED);
        band(svg, days, Trajectories.Day::churned, x, y, CHURNED);
        double red = y.apply(trajectories.redMax());
        svg.append(format(
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" stroke-dasharray=\"6 4\"/>%n",
                LEFT, red, WIDTH - RIGHT, red));
        legend(svg, 0, RETAINED, "retained: median, quartiles");
        legend(svg, 1, CHURNED, "churned: median, quartiles");
        svg.append(format(
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"6 4\"/>"
                        + "<text x=\"%d\" y=\"%d\">RED at or below %s</text>%n",
                WIDTH - RIGHT + 12,
                TOP + 54,
                WIDTH - RIGHT + 32,
                TOP + 54,
                WIDTH - RIGHT + 38,
                TOP + 58,
                number(trajectories.redMax())));
        return svg.append("</svg>\n").toString();
    }

    private static void band(
            StringBuilder svg,
            List<Trajectories.Day> days,
            Function<Trajectories.Day, Optional<Quartiles>> group,
            Function<Double, Double> x,
            Function<Double, Double> y,
            String colour) {
        List<Trajectories.Day> drawn =
                days.stream().filter(day -> group.apply(day).isPresent()).toList();
        if (drawn.isEmpty()) {
            return;
        }
        StringBuilder area = new StringBuilder();
        drawn.forEach(day -> area.append(point(day, group, Quartiles::q3, x, y)));
        for (int i = drawn.size() - 1; i >= 0; i--) {
            area.append(point(drawn.get(i), group, Quartiles::q1, x, y));
        }
        svg.append(format(
                "<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\"/>%n",
                area.toString().trim(), colour));
        StringBuilder line = new StringBuilder();
        drawn.forEach(day -> line.append(point(day, group, Quartiles::median, x, y)));
        svg.append(format(
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>%n",
                line.toString().trim(), colour));
    }

    private static String point(
            Trajectories.Day day,
            Function<Trajectories.Day, Optional<Quartiles>> group,
            ToDoubleFunction<Quartiles> value,
            Function<Double, Double> x,
            Function<Double, Double> y) {
        return format(
                "%.1f,%.1f ",
                x.apply((double) day.daysBeforeChurn()),
                y.apply(value.applyAsDouble(group.apply(day).orElseThrow())));
    }

    private static void legend(StringBuilder svg, int row, String colour, String label) {
        int top = TOP + row * 22;
        svg.append(format(
                "<rect x=\"%d\" y=\"%d\" width=\"20\" height=\"10\" fill=\"%s\" fill-opacity=\"0.35\"/>"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"/>"
                        + "<text x=\"%d\" y=\"%d\">%s</text>%n",
                WIDTH - RIGHT + 12,
                top,
                colour,
                WIDTH - RIGHT + 12,
                top + 5,
                WIDTH - RIGHT + 32,
                top + 5,
                colour,
                WIDTH - RIGHT + 38,
                top + 9,
                escape(label)));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
