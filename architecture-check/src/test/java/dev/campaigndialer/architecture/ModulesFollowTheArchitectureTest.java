package dev.campaigndialer.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository as it is: every module in ARCHITECTURE.md's table, and no rule of it broken. */
class ModulesFollowTheArchitectureTest {

    private static final Path ROOT = Path.of(System.getProperty("campaigndialer.repoRoot", "..")).toAbsolutePath().normalize();

    @Test
    void everyModuleHasItsRowAndNoDependencyBreaksARule() {
        Reactor reactor = new Reactor(ROOT);
        Map<String, Module> modules = reactor.modules();

        assertThat(reactor.problems()).as("ARCHITECTURE.md's table against the root pom").isEmpty();
        assertThat(modules).as("modules read from " + ROOT).containsKeys("common-core", "common-db", "testkit");
        assertThat(new ArchitectureRules(modules).violations()).as("rules of ARCHITECTURE.md").isEmpty();
    }

    @Test
    void theSixFunctionsAreReadWithTheirDependenciesAndImports() {
        Map<String, Module> modules = new Reactor(ROOT).modules();

        // Guards the reading itself: a parser that found nothing would make the rules pass vacuously.
        assertThat(modules.values().stream().filter(m -> m.role() == Module.Role.FUNCTION).map(Module::name))
                .containsExactlyInAnyOrder("validate-campaign", "dispatcher", "enrich-dial-task",
                        "dialer-worker", "status-checker", "report-generator");
        Module dialer = modules.get("dialer-worker");
        assertThat(dialer.dependencies()).anyMatch(d -> d.artifactId().equals("common-db") && d.scope().equals("compile"));
        assertThat(dialer.mainImports()).anyMatch(i -> i.startsWith("dev.campaigndialer.core."));
        assertThat(new ArchitectureRules(modules).productionClasspath(dialer))
                .extracting(Module::name).containsExactlyInAnyOrder("common-db", "common-core");
    }
}
