package dev.campaigndialer.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program a test needs. When it is missing, the test fails under {@code CI=true} (CI must
 * install it) and is skipped elsewhere, with a message naming what to install.
 */
public final class RequiredTool {

    private RequiredTool() {
    }

    public static Optional<Path> find(String program, String... extraDirectories) {
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(pathVariable.split(File.pathSeparator)), Stream.of(extraDirectories))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The program's path; fails (CI) or skips (elsewhere) when it is not installed. */
    public static Path require(String program, String installHint, String... extraDirectories) {
        Optional<Path> found = find(program, extraDirectories);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " is not installed: " + installHint;
        if (isCi()) {
            Assertions.fail(message + " (CI=true: every test must run)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
