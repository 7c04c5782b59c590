package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.campaigndialer.deploy.LambdaFunctions.LambdaFunction;
import dev.campaigndialer.deploy.LambdaFunctions.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Lambda function Terraform deploys names a jar where Maven writes it and a handler class
 * that is really in that jar. The jars come from {@code ./mvnw package}: the reactor builds the
 * function modules before this one.
 */
class HandlersTerraformNamesExistInTheirModulesJarsTest {

    /** The one jar that is not named after its module: common-db's package writes the migration function. */
    private static final String MIGRATE_JAR = "common-db/target/migrate.jar";

    /**
     * Function modules Terraform already deploys but the reactor does not build yet (the calling and
     * reports issues add them). Their jars must not exist; once one is built, this check fails until
     * it is removed from here, and from then on its handler classes are checked like the others.
     */
    private static final java.util.Set<String> NOT_YET_BUILT =
            java.util.Set.of();

    private final Reading reading = LambdaFunctions.read(TerraformSource.load());

    @Test
    void everyFunctionCanBeReadLiterally() {
        assertThat(reading.problems()).as("Lambda functions Terraform deploys that this check cannot read").isEmpty();
        assertThat(reading.functions()).extracting(LambdaFunction::key)
                .as("functions read from terraform/main.tf")
                .contains("validate-campaign", "dispatcher", "enrich-dial-task", "dialer-worker", "status-checker",
                        "report-generator");
    }

    @Test
    void handlersUseTheJavaHandlerFormat() {
        List<String> problems = new ArrayList<>();
        for (LambdaFunction function : reading.functions()) {
            if (function.handlerClass().isEmpty()) {
                problems.add(function.where() + ": handler \"" + function.handler()
                        + "\" is not \"package.Class::handleRequest\"");
            }
        }
        assertThat(problems).as("handlers in the wrong format").isEmpty();
    }

    @Test
    void jarPathsMatchWhatMavenWrites() {
        List<String> problems = new ArrayList<>();
        for (LambdaFunction function : reading.functions()) {
            String expected = function.module() + "/target/" + function.module() + ".jar";
            boolean migrateJar = function.jar().equals(MIGRATE_JAR)
                    && function.handler().startsWith("dev.campaigndialer.db.migrate.");
            if (!function.jar().equals(expected) && !migrateJar) {
                problems.add(function.where() + ": jar \"" + function.jar() + "\" should be \"" + expected
                        + "\" (<module>/target/<module>.jar, as the parent pom's shade execution writes it)");
            }
        }
        assertThat(problems).as("jar paths that do not match the Maven output").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> handlerClassesExistInTheirJars() {
        Path repoRoot = TerraformSource.repoRoot();
        return reading.functions().stream().map(function -> DynamicTest.dynamicTest(
                function.key() + ": " + function.handler() + " in " + function.jar(),
                () -> assertHandlerInJar(repoRoot, function)));
    }

    private static void assertHandlerInJar(Path repoRoot, LambdaFunction function) throws IOException {
        assertThat(function.handlerClass()).as("%s: handler format", function.where()).isPresent();
        Path jar = repoRoot.resolve(function.jar());
        if (NOT_YET_BUILT.contains(function.module())) {
            assertThat(Files.exists(repoRoot.resolve(function.module()).resolve("pom.xml")))
                    .as("%s is built now: remove it from NOT_YET_BUILT so its handler is checked", function.module())
                    .isFalse();
            return;
        }
        if (!Files.isRegularFile(jar)) {
            fail("%s: %s does not exist. Build the jars first: run `./mvnw package` at the repository root "
                    + "(the reactor builds the function modules before terraform-check).", function.where(), jar);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry(function.classEntry()))
                    .as("%s: handler class %s is not in %s (entry %s); is the class name or module wrong?",
                            function.where(), function.handlerClass().orElseThrow(), function.jar(), function.classEntry())
                    .isNotNull();
        }
    }
}
