package dev.campaigndialer.local.stack;

/** Numbers in the start-up log as a person writes them: 500, not 500.0; 2.5 stays 2.5. */
final class Numbers {

    private Numbers() {
    }

    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
