package dev.campaigndialer.core.api;

/**
 * What an answer may repeat of a value it rejects: the first 100 characters (code points, so a
 * surrogate pair is never split), and an ellipsis when there was more. Enough to recognise the
 * value; never enough to turn a 3 MB field into a 3 MB response, or an idempotency record that
 * replays one (Lambda refuses a response over 6 MB, after the campaign was committed).
 */
public final class Echo {

    public static final int MAX_CHARACTERS = 100;
    static final String ELLIPSIS = "\u2026";

    private Echo() {
    }

    /** The value as it may be echoed: itself when short, else its first 100 characters and "…". */
    public static String prefix(String value) {
        return prefix(value, MAX_CHARACTERS);
    }

    static String prefix(String value, int maxCodePoints) {
        if (value == null || value.length() <= maxCodePoints) {
            return value;
        }
        int end = 0;
        for (int codePoints = 0; codePoints < maxCodePoints && end < value.length(); codePoints++) {
            end += Character.charCount(value.codePointAt(end));
        }
        return end >= value.length() ? value : value.substring(0, end) + ELLIPSIS;
    }
}
