package dev.campaigndialer.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status batch lost a deadlock in CI: its ten messages waited out the visibility timeout, no
 * invocation counted as failed, and the stalled demo said only "10 in flight". The stall message
 * now carries the run's last ERROR line, read from where this run began writing.
 */
class StalledDemoNamesTheLastErrorTest {

    @TempDir
    Path dir;

    @Test
    void theLastErrorOfThisRunIsNamedWithItsCause() throws IOException {
        Path log = dir.resolve("stack.log");
        String earlierRun = "{\"level\":\"ERROR\",\"logger\":\"Old\",\"message\":\"from an earlier run\"}\n";
        Files.writeString(log, earlierRun
                + "SLF4J(W): No SLF4J providers were found.\n"
                + "{\"level\":\"ERROR\",\"logger\":\"DialService\",\"message\":\"first\",\"error\":\"java.io.IOException\"}\n"
                + "{\"level\":\"INFO\",\"logger\":\"StatusService\",\"message\":\"call finished\"}\n"
                + "{\"level\":\"ERROR\",\"logger\":\"BatchProcessor\",\"message\":\"batch failed; all its messages return "
                + "to the queue\",\"error\":\"UnableToExecuteStatementException [SQLState 40P01]: ERROR: deadlock detected\"}\n"
                + "{\"level\":\"INFO\",\"logger\":\"StatusService\",\"message\":\"call finished\"}\n", StandardCharsets.UTF_8);

        assertThat(RunLog.lastError(log, earlierRun.getBytes(StandardCharsets.UTF_8).length)).contains(
                "BatchProcessor: batch failed; all its messages return to the queue "
                        + "(UnableToExecuteStatementException [SQLState 40P01]: ERROR: deadlock detected)");
    }

    @Test
    void aRunWithoutErrorsNamesNone() throws IOException {
        Path log = dir.resolve("stack.log");
        String earlierRun = "{\"level\":\"ERROR\",\"logger\":\"Old\",\"message\":\"from an earlier run\"}\n";
        Files.writeString(log, earlierRun + "{\"level\":\"INFO\",\"logger\":\"StatusService\",\"message\":\"call finished\"}\n");

        assertThat(RunLog.lastError(log, earlierRun.length())).isEmpty();
        assertThat(RunLog.lastError(dir.resolve("absent.log"), 0)).isEmpty();
    }
}
