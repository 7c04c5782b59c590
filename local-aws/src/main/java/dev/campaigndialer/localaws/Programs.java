package dev.campaigndialer.localaws;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the programs some stand-ins run: on the {@code PATH} or in directories a package manager uses. */
public final class Programs {

    private Programs() {
    }

    public static Optional<Path> find(String program, String... extraDirectories) {
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(pathVariable.split(File.pathSeparator)), Stream.of(extraDirectories))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** @throws MissingToolException naming {@code installHint} when the program is not installed */
    public static Path require(String program, String installHint, String... extraDirectories) {
        return find(program, extraDirectories).orElseThrow(() -> new MissingToolException(program, installHint));
    }
}
