package dev.campaigndialer.core.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks phone numbers for logs: all but the last four digits become '*'. */
public final class PhoneMask {

    // A run of 7+ digits, optionally after '+', possibly with separators: long enough to be a
    // phone number, short runs (counts, ports, years) are left alone. It must stand on its own: a
    // digit run glued to letters or digits is part of an id (a UUID's "a7c12345", a hex digest),
    // and masking it would break joining log lines by that id.
    private static final Pattern PHONE_LIKE = Pattern.compile("(?<![\\p{Alnum}])\\+?\\d[\\d\\s().-]{5,}\\d(?![\\p{Alnum}])");
    // UUIDs are ids even when a group is all digits ("12345678-1234-..."), which the pattern above
    // would take for a number with separators: they are kept whole.
    private static final Pattern UUID = Pattern.compile(
            "(?<![\\p{Alnum}-])\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}(?![\\p{Alnum}-])");

    private PhoneMask() {
    }

    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        int digits = (int) phone.chars().filter(Character::isDigit).count();
        int toHide = Math.max(0, digits - 4);
        var masked = new StringBuilder(phone.length());
        for (char c : phone.toCharArray()) {
            if (Character.isDigit(c) && toHide > 0) {
                masked.append('*');
                toHide--;
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    /** Masks every phone-shaped run inside free text, such as an exception message; ids stay whole. */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        Matcher ids = UUID.matcher(text);
        var out = new StringBuilder(text.length());
        int from = 0;
        while (ids.find()) {
            out.append(maskPhones(text.substring(from, ids.start()))).append(ids.group());
            from = ids.end();
        }
        return out.append(maskPhones(text.substring(from))).toString();
    }

    private static String maskPhones(String text) {
        Matcher matcher = PHONE_LIKE.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            String candidate = matcher.group();
            long digits = candidate.chars().filter(Character::isDigit).count();
            matcher.appendReplacement(out, Matcher.quoteReplacement(digits >= 7 ? mask(candidate) : candidate));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
