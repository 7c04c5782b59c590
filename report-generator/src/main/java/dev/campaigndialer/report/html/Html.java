package dev.campaigndialer.report.html;

/**
 * A small markup builder for HTML and inline SVG: every text and attribute value goes through
 * {@link #escape}, so a campaign name like {@code <script>} is shown, never run. Tags and
 * attribute names are the caller's constants. Not thread-safe: one per page.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(32 * 1024);

    /** {@code <tag a="v" ...>}; attributes are name/value pairs, a null value leaves the attribute out. */
    Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag .../>}: void HTML elements and empty SVG shapes. */
    Html empty(String tag, String... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append(tag.equals("meta") || tag.equals("br") ? ">" : "/>");
        return this;
    }

    /** {@code <tag ...>text</tag>}. */
    Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup this code wrote itself (the style sheet, the doctype); never anything from data. */
    Html trusted(String markup) {
        out.append(markup);
        return this;
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come as name/value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
