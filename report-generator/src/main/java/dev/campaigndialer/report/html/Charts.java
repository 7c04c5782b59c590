package dev.campaigndialer.report.html;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG bar and column charts. Each is {@code role="img"} with a {@code <title>} and a
 * {@code <desc>} that reads out every value (screen readers announce the chart as one image with
 * that text), and each bar carries an {@code aria-label} and a {@code <title>} (a tooltip on
 * hover). Sizes are in viewBox units: the chart scales to its container, phone or print.
 */
final class Charts {

    /** One horizontal bar. */
    record Bar(String label, long value, String colour) {
    }

    /** One column of a column chart: the first series' value and, drawn over it, the second's (or -1). */
    record Column(String label, long first, long second) {
    }

    /** Names and colours of a column chart's two series (the second may be null). */
    record Series(String first, String firstColour, String second, String secondColour) {
    }

    private static final int WIDTH = 400;

    private Charts() {
    }

    /** Horizontal bars with their values written beside them; {@code total} > 0 adds each share. */
    static void bars(Html html, String id, String title, String description, List<Bar> bars, long total) {
        int width = 360;
        int row = 28;
        int labelWidth = 118;
        int barStart = labelWidth + 6;
        int barSpace = width - barStart - (total > 0 ? 92 : 40);
        int height = bars.size() * row + 4;
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        svg(html, id, title, description, width, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * row + 4;
            long length = Math.round((double) bar.value() / max * barSpace);
            String value = Format.integer(bar.value()) + (total > 0 ? "  (" + Format.percent(bar.value(), total) + ")" : "");
            html.open("g", "aria-label", bar.label() + ": " + value);
            html.element("text", bar.label(), "x", Integer.toString(labelWidth), "y", Integer.toString(y + 15),
                    "text-anchor", "end", "class", "label");
            html.empty("rect", "x", Integer.toString(barStart), "y", Integer.toString(y + 3),
                    "width", Integer.toString(barSpace), "height", "16", "rx", "3", "class", "track");
            html.open("rect", "x", Integer.toString(barStart), "y", Integer.toString(y + 3),
                    "width", Long.toString(Math.max(bar.value() > 0 ? 2 : 0, length)), "height", "16", "rx", "3",
                    "fill", bar.colour());
            html.element("title", bar.label() + ": " + value);
            html.close("rect");
            html.element("text", value, "x", Long.toString(barStart + Math.max(0, length) + 6), "y",
                    Integer.toString(y + 15), "class", "value");
            html.close("g");
        }
        html.close("svg");
    }

    /** Columns over a y axis with grid lines; the second series is drawn over the first. */
    static void columns(Html html, String id, String title, String description, List<Column> columns, Series series,
            String xAxis, String yAxis) {
        int height = 230;
        int left = 44;
        int right = 8;
        int top = 12;
        int bottom = 46;
        int plotWidth = WIDTH - left - right;
        int plotHeight = height - top - bottom;
        long max = niceMax(columns.stream().mapToLong(column -> Math.max(column.first(), column.second())).max().orElse(0));
        svg(html, id, title, description, WIDTH, height);
        for (int tick = 0; tick <= 4; tick++) {
            long value = max * tick / 4;
            double y = top + plotHeight - (double) plotHeight * tick / 4;
            html.empty("line", "x1", Integer.toString(left), "x2", Integer.toString(WIDTH - right), "y1", number(y),
                    "y2", number(y), "class", tick == 0 ? "axis" : "grid");
            html.element("text", Format.integer(value), "x", Integer.toString(left - 5), "y", number(y + 4),
                    "text-anchor", "end", "class", "tick");
        }
        int n = Math.max(1, columns.size());
        double slot = (double) plotWidth / n;
        double barWidth = Math.max(1, slot * 0.72);
        int labelEvery = n <= 8 ? 1 : (int) Math.ceil(n / 6.0);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            double x = left + i * slot + (slot - barWidth) / 2;
            String label = column.label() + ": " + Format.integer(column.first()) + " " + series.first()
                    + (column.second() >= 0 ? ", " + Format.integer(column.second()) + " " + series.second() : "");
            html.open("g", "aria-label", label);
            column(html, x, barWidth, column.first(), max, top, plotHeight, series.firstColour(), label);
            if (column.second() >= 0) {
                column(html, x + barWidth * 0.2, barWidth * 0.6, column.second(), max, top, plotHeight,
                        series.secondColour(), label);
            }
            if (i % labelEvery == 0) {
                html.element("text", column.label(), "x", number(x + barWidth / 2), "y", Integer.toString(top + plotHeight + 15),
                        "text-anchor", "middle", "class", "tick");
            }
            html.close("g");
        }
        html.element("text", xAxis, "x", Integer.toString(left + plotWidth / 2), "y", Integer.toString(height - 6),
                "text-anchor", "middle", "class", "axis-title");
        html.element("text", yAxis, "x", "0", "y", "0", "transform", "translate(11 " + (top + plotHeight / 2) + ") rotate(-90)",
                "text-anchor", "middle", "class", "axis-title");
        html.close("svg");
    }

    private static void column(Html html, double x, double width, long value, long max, int top, int plotHeight,
            String colour, String label) {
        double h = max == 0 ? 0 : (double) value / max * plotHeight;
        html.open("rect", "x", number(x), "y", number(top + plotHeight - h), "width", number(width),
                "height", number(h), "fill", colour);
        html.element("title", label);
        html.close("rect");
    }

    private static void svg(Html html, String id, String title, String description, int width, int height) {
        html.open("svg", "viewBox", "0 0 " + width + " " + height, "role", "img",
                "aria-labelledby", id + "-title " + id + "-desc", "xmlns", "http://www.w3.org/2000/svg",
                "preserveAspectRatio", "xMidYMid meet", "class", "chart");
        html.element("title", title, "id", id + "-title");
        html.element("desc", description, "id", id + "-desc");
    }

    /** The smallest 1, 2 or 5 × 10^k at or above the value (4 grid steps of whole numbers). */
    static long niceMax(long value) {
        if (value <= 4) {
            return 4;
        }
        long magnitude = 1;
        while (magnitude * 10 <= value) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 4, 5, 8, 10}) {
            if (step * magnitude >= value && (step * magnitude) % 4 == 0) {
                return step * magnitude;
            }
        }
        return 20 * magnitude;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
