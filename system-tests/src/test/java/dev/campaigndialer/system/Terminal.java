package dev.campaigndialer.system;

import java.io.PrintStream;

/**
 * The test run's own standard error, as it was before any local stack started. A running stack
 * sends System.err to its log, and the suite's shared stack runs until the JVM exits, so a figure
 * meant for the terminal goes here. Every class that starts a stack reads {@link #ERR} in its static
 * initializer, so this class is initialised before the first stack redirects anything.
 */
public final class Terminal {

    public static final PrintStream ERR = System.err;

    private Terminal() {
    }
}
