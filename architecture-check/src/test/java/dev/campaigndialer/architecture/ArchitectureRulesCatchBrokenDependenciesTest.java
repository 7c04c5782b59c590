package dev.campaigndialer.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.architecture.Module.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule bites: a small reactor shaped like ours passes, and each single breakage of it (a
 * dependency or an import that the rules forbid) is reported with the rule it breaks.
 */
class ArchitectureRulesCatchBrokenDependenciesTest {

    @Test
    void aReactorShapedLikeOursBreaksNoRule() {
        assertThat(new ArchitectureRules(new Sample().modules).violations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachBreakageIsReportedWithItsRule(String breakage, Consumer<Sample> change, String rule) {
        Sample sample = new Sample();
        change.accept(sample);

        assertThat(new ArchitectureRules(sample.modules).violations())
                .anySatisfy(violation -> assertThat(violation).contains(rule));
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("a function's tests depend on another function",
                        (Consumer<Sample>) s -> s.depend("report-generator", "status-checker", "jar", "test"),
                        "functions talk over SQS only"),
                Arguments.of("a function's test imports another function's class",
                        (Consumer<Sample>) s -> s.testImport("report-generator", "dev.campaigndialer.status.Pipeline"),
                        "functions talk over SQS only"),
                Arguments.of("common-core puts the PostgreSQL driver on its classpath",
                        (Consumer<Sample>) s -> s.library("common-core", "org.postgresql", "compile"),
                        "common-core knows no database"),
                Arguments.of("common-core imports JDBC",
                        (Consumer<Sample>) s -> s.mainImport("common-core", "java.sql.Connection"),
                        "common-core knows no database"),
                Arguments.of("common-core imports common-db",
                        (Consumer<Sample>) s -> s.mainImport("common-core", "dev.campaigndialer.db.Database"),
                        "common-core knows no database"),
                Arguments.of("common-db's production code depends on testkit",
                        (Consumer<Sample>) s -> s.depend("common-db", "testkit", "jar", "compile"),
                        "production code never uses test fixtures"),
                Arguments.of("local-stack reaches testkit through local-aws",
                        (Consumer<Sample>) s -> s.depend("local-aws", "testkit", "jar", "compile"),
                        "local-stack's production code reaches testkit"),
                Arguments.of("a function's tests use another module's test-jar",
                        (Consumer<Sample>) s -> s.depend("dispatcher", "common-db", "test-jar", "test"),
                        "fixtures live in testkit"),
                Arguments.of("a function ships JUnit",
                        (Consumer<Sample>) s -> s.library("dispatcher", "org.junit.jupiter", "compile"),
                        "production code never uses test libraries"),
                Arguments.of("production code imports a fixture",
                        (Consumer<Sample>) s -> s.mainImport("dispatcher", "dev.campaigndialer.testkit.ProxiedDatabase"),
                        "production code never uses test fixtures"),
                Arguments.of("a function ships a stand-in",
                        (Consumer<Sample>) s -> s.depend("dispatcher", "local-aws", "jar", "runtime"),
                        "deployed code ships no local stand-ins"),
                Arguments.of("common-db reaches a function",
                        (Consumer<Sample>) s -> s.depend("common-db", "dispatcher", "jar", "compile"),
                        "common-db depends on common-core only"));
    }

    /** Our reactor in miniature, valid as built; each breakage changes one thing. */
    static final class Sample {
        final Map<String, Module> modules = new LinkedHashMap<>();

        Sample() {
            add("common-core", Role.SHARED, "dev.campaigndialer.core", deps("testkit:test"), Set.of("com.fasterxml.jackson.databind.ObjectMapper", "java.sql.SQLException"));
            add("local-aws", Role.LOCAL, "dev.campaigndialer.localaws", deps(), Set.of("java.net.ServerSocket"));
            add("testkit", Role.TEST_SUPPORT, "dev.campaigndialer.testkit", deps("local-aws:compile"), Set.of("org.junit.jupiter.api.Assertions"));
            add("common-db", Role.SHARED, "dev.campaigndialer.db", deps("common-core:compile", "testkit:test"), Set.of("java.sql.Connection"));
            add("dispatcher", Role.FUNCTION, "dev.campaigndialer.dispatch", deps("common-db:compile", "testkit:test"), Set.of("dev.campaigndialer.db.Database"));
            add("status-checker", Role.FUNCTION, "dev.campaigndialer.status", deps("common-db:compile", "testkit:test"), Set.of());
            add("report-generator", Role.FUNCTION, "dev.campaigndialer.report", deps("common-db:compile", "testkit:test"), Set.of());
            add("local-stack", Role.LOCAL, "dev.campaigndialer.local", deps("common-db:compile", "local-aws:compile", "testkit:test"), Set.of("dev.campaigndialer.localaws.PgBouncer"));
            add("system-tests", Role.CHECK, "dev.campaigndialer.system", deps("local-stack:test", "dispatcher:test", "testkit:test"), Set.of());
        }

        void depend(String module, String on, String type, String scope) {
            change(module, m -> m.dependencies().add(new Dependency(Dependency.OUR_GROUP, on, type, scope)));
        }

        void library(String module, String groupId, String scope) {
            change(module, m -> m.dependencies().add(new Dependency(groupId, "some-artifact", "jar", scope)));
        }

        void mainImport(String module, String imported) {
            change(module, m -> m.mainImports().add(imported));
        }

        void testImport(String module, String imported) {
            change(module, m -> m.testImports().add(imported));
        }

        private void change(String module, Consumer<Module> edit) {
            edit.accept(modules.get(module));
        }

        private void add(String name, Role role, String basePackage, List<Dependency> dependencies, Set<String> mainImports) {
            modules.put(name, new Module(name, role, basePackage, dependencies, new TreeSet<>(mainImports), new TreeSet<>()));
        }

        private static List<Dependency> deps(String... moduleScopes) {
            List<Dependency> dependencies = new ArrayList<>();
            for (String moduleScope : moduleScopes) {
                String[] parts = moduleScope.split(":");
                dependencies.add(new Dependency(Dependency.OUR_GROUP, parts[0], "jar", parts[1]));
            }
            return dependencies;
        }
    }
}
