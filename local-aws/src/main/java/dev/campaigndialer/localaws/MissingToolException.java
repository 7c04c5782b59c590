package dev.campaigndialer.localaws;

/**
 * A program a stand-in runs (pgbouncer, chromium) is not installed. The message names what to
 * install; testkit's {@code RequiredTool} turns it into a failed test under {@code CI=true} and a
 * skipped one elsewhere, the local stack into a warning or an exit.
 */
public final class MissingToolException extends RuntimeException {

    private final String program;

    public MissingToolException(String program, String installHint) {
        super(program + " is not installed: " + installHint);
        this.program = program;
    }

    public String program() {
        return program;
    }
}
