package dev.campaigndialer.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one run (certificates, the functions' jar copies), removed on close. */
final class WorkDirectory implements AutoCloseable {

    private final Path path;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    static WorkDirectory create() {
        try {
            return new WorkDirectory(Files.createTempDirectory("campaign-dialer-local"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * A copy of a function's jar: rebuilding a module while the stack runs (say, next to
     * {@code serve}) rewrites its jar in place, which would break classes not loaded yet.
     */
    Path snapshot(Path jar) {
        try {
            Path directory = Files.createDirectories(path.resolve("functions"));
            return Files.copy(jar, directory.resolve(jar.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path file : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
