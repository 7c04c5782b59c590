package dev.campaigndialer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A plain-text table for the console: figures right-aligned, text left-aligned. */
public final class TextTable {

    private static final Pattern FIGURE = Pattern.compile("-|-?[0-9][0-9.,]*");

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] text = new String[columns];
        for (int i = 0; i < columns; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    public String render() {
        int[] widths = new int[columns];
        boolean[] figures = new boolean[columns];
        java.util.Arrays.fill(figures, true);
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], rows.get(r)[i].length());
                figures[i] &= r == 0 || FIGURE.matcher(rows.get(r)[i]).matches();
            }
        }
        var out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < columns; i++) {
                String separator = i == 0 ? "" : "  ";
                String alignment = figures[i] ? "" : "-";
                // No padding after the last column: trailing blanks only get in the way of copy and paste.
                String format = separator + (i == columns - 1 && !figures[i] ? "%s" : "%" + alignment + widths[i] + "s");
                out.append(String.format(format, row[i]));
            }
            out.append('\n');
            if (r == 0) {
                int total = 0;
                for (int width : widths) {
                    total += width;
                }
                out.append("-".repeat(total + 2 * (columns - 1))).append('\n');
            }
        }
        return out.toString();
    }
}
