package dev.campaigndialer.local;

import java.io.PrintStream;

/**
 * The user's terminal, captured before the local stack sends {@code System.out} and
 * {@code System.err} to the function log: results go to {@code out}, progress and messages to
 * {@code err}. {@code interactive} when a console is attached (progress is then redrawn in place).
 */
public record Terminal(PrintStream out, PrintStream err, boolean interactive) {

    public static Terminal capture() {
        return new Terminal(System.out, System.err, System.console() != null);
    }
}
