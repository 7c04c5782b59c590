package dev.campaigndialer.core.api;

import java.util.Locale;
import java.util.Optional;

/**
 * What counts as text in a name or an attribute: any Unicode character but the control characters
 * (C0, DEL, C1), TAB excepted. NUL cannot be stored at all (PostgreSQL rejects it in text and
 * jsonb); the others break CSV rows, terminals and log lines. An unpaired surrogate is no
 * character at all: it cannot be encoded in UTF-8 and would be stored as '?'.
 */
public final class Text {

    private Text() {
    }

    /** Why {@code value} is not text, e.g. "found U+0000 at character 7"; empty when it is. */
    public static Optional<String> problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("found an unpaired surrogate at character " + (i + 1));
            }
            if (Character.isISOControl(c) && c != '\t') {
                return Optional.of(String.format(Locale.ROOT, "found U+%04X at character %d", (int) c, i + 1));
            }
        }
        return Optional.empty();
    }

    /** True when {@code value} holds no unpaired surrogate, so it has a UTF-8 encoding. */
    public static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The message a field gets when it is not text. */
    public static String rule() {
        return "must not contain control characters other than TAB, nor unpaired surrogates";
    }
}
