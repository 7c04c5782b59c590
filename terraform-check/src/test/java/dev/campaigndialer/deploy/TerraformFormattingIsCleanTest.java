package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code terraform fmt -check -recursive} finds nothing to change under terraform/. Needs the
 * terraform binary: without it the test fails in CI ({@code CI=true}) and is skipped elsewhere.
 */
class TerraformFormattingIsCleanTest {

    @Test
    void terraformFmtCheckPasses() throws IOException, InterruptedException {
        Optional<Path> terraform = onPath("terraform");
        if (terraform.isEmpty()) {
            String message = "terraform is not on the PATH: install Terraform 1.6 or newer (https://developer.hashicorp.com/terraform/install) "
                    + "to run `terraform fmt -check -recursive terraform`";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so this check may not be skipped)");
            }
            Assumptions.abort(message);
        }
        Path dir = TerraformSource.repoRoot().resolve("terraform");
        ProcessBuilder builder = new ProcessBuilder(terraform.get().toString(), "fmt", "-check", "-recursive", "-diff", dir.toString())
                .redirectErrorStream(true);
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        Process process = builder.start();
        String output;
        try (var stream = process.getInputStream()) {
            output = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("terraform fmt did not finish within 2 minutes");
        }
        assertThat(process.exitValue())
                .as("`terraform fmt -check -recursive terraform` wants to change these files (run `terraform fmt -recursive terraform`):%n%s", output)
                .isZero();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
