package dev.campaigndialer.testkit;

import dev.campaigndialer.localaws.MissingToolException;
import dev.campaigndialer.localaws.Programs;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The test policy for a program a test needs (local-aws reports it missing with a
 * {@link MissingToolException}): the test fails under {@code CI=true} (CI must install it) and is
 * skipped elsewhere, with the exception's message naming what to install.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** The program's path; fails (CI) or skips (elsewhere) when it is not installed. */
    public static Path require(String program, String installHint, String... extraDirectories) {
        return require(() -> Programs.require(program, installHint, extraDirectories));
    }

    /**
     * Starts or finds a stand-in, e.g. {@code RequiredTool.require(PgBouncer::shared)}; fails (CI) or
     * skips (elsewhere) when it needs a program that is not installed.
     */
    public static <T> T require(Supplier<T> standIn) {
        try {
            return standIn.get();
        } catch (MissingToolException missing) {
            if (isCi()) {
                Assertions.fail(missing.getMessage() + " (CI=true: every test must run)", missing);
            }
            Assumptions.abort(missing.getMessage());
            throw new AssertionError("unreachable", missing);
        }
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
