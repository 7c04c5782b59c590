package dev.campaigndialer.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dcampaigndialer.env.NAME=...} replaces an environment variable only where the local
 * stack's runtime asked for it. A deployed function's {@code JAVA_TOOL_OPTIONS} (or any other
 * JVM option) cannot reach around the environment Terraform declares: each case runs a fresh JVM,
 * as Lambda starts one, with the probe's class path only.
 */
class SystemPropertyOverridesOnlyInTheLocalStackTest {

    @Test
    void javaToolOptionsCannotOverrideTheEnvironmentOfADeployedFunction() throws Exception {
        String seen = probe(Map.of("JAVA_TOOL_OPTIONS", "-Dcampaigndialer.env.DB_SSL_ROOT_CERT=/tmp/attacker.pem",
                "DB_SSL_ROOT_CERT", "/etc/pki/proxy-ca.pem"), List.of(), "DB_SSL_ROOT_CERT");

        assertThat(seen).isEqualTo("/etc/pki/proxy-ca.pem");
    }

    @Test
    void noCommandLinePropertyOptsIn() throws Exception {
        String seen = probe(Map.of(), List.of("-Dcampaigndialer.env.DATABASE_NAME=elsewhere",
                "-Dcampaigndialer.env.allowOverrides=true", "-Dcampaigndialer.localStack=true",
                "-Dcampaigndialer.env=local"), "DATABASE_NAME");

        assertThat(seen).isEqualTo("<unset>");
    }

    @Test
    void theLocalStacksRuntimeOptsInExplicitly() throws Exception {
        String seen = probe(Map.of("DATABASE_NAME", "from_the_environment"),
                List.of("-Dcampaigndialer.env.DATABASE_NAME=from_the_local_stack"), "DATABASE_NAME", "opt-in");

        assertThat(seen).isEqualTo("from_the_local_stack");
    }

    private static String probe(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(location(Env.class) + File.pathSeparator + location(EnvProbe.class));
        command.add(EnvProbe.class.getName());
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("JAVA_") || name.startsWith("JDK_")
                || name.equals("DB_SSL_ROOT_CERT") || name.equals("DATABASE_NAME"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        // "Picked up JAVA_TOOL_OPTIONS: ..." comes first; the probe's answer is the last line.
        return output.substring(output.lastIndexOf('\n') + 1);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
