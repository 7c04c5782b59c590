package dev.campaigndialer.core.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks phone numbers for logs: all but the last four digits become '*'. */
public final class PhoneMask {

    // A run of 7+ digits, optionally after '+', possibly with separators: long enough to be a
    // phone number, short runs (counts, ports, years) are left alone.
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d\\s().-]{5,}\\d");

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

    /** Masks every phone-like run inside free text, such as an exception message. */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
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
