package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.log.JsonLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * While the stack runs, {@code System.out}, {@code System.err} and the JSON log go to the log file:
 * the functions' logs and anything their libraries print land there, and the terminal stays free
 * for progress. {@link #close()} restores them.
 */
final class LogRedirect implements AutoCloseable {

    private final PrintStream log;
    private final PrintStream originalOut;
    private final PrintStream originalErr;

    private LogRedirect(PrintStream log, PrintStream originalOut, PrintStream originalErr) {
        this.log = log;
        this.originalOut = originalOut;
        this.originalErr = originalErr;
    }

    static LogRedirect to(Path logFile) {
        PrintStream log;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            log = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + logFile, e);
        }
        var redirect = new LogRedirect(log, System.out, System.err);
        System.setOut(log);
        System.setErr(log);
        JsonLog.redirect(log);
        return redirect;
    }

    /** The log file's stream (the functions' containers print to it). */
    PrintStream log() {
        return log;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        JsonLog.redirect(originalOut);
        log.close();
    }
}
