package dev.campaigndialer.architecture;

import dev.campaigndialer.architecture.Module.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of ARCHITECTURE.md as a pure function of the modules: each broken rule becomes one
 * sentence naming the module, the dependency or import, and the rule.
 *
 * <ol>
 *   <li>Functions talk over SQS only: no function module depends on, or imports, another function,
 *       in main or test code (each function module tests only itself; whole-system tests live in a
 *       check module).</li>
 *   <li>common-core knows no database: no JDBC, driver, pool, Jdbi or Flyway on its classpath or in
 *       its imports, and no other module of ours.</li>
 *   <li>Production code never uses test fixtures: nothing a function, shared or local module runs
 *       reaches testkit, a check module, JUnit or AssertJ, directly or through another module; and no
 *       module depends on another's test classes (a test-jar): fixtures live in testkit.</li>
 *   <li>Deployed code ships no stand-ins: functions and shared modules never reach the local modules
 *       (local-aws, local-stack, benchmarks).</li>
 *   <li>Layers: common-db depends on common-core only; a function's production code reaches shared
 *       modules only.</li>
 * </ol>
 */
final class ArchitectureRules {

    private static final List<String> DATABASE_GROUPS =
            List.of("org.postgresql", "org.jdbi", "org.flywaydb", "com.zaxxer", "io.zonky.test");
    private static final List<String> DATABASE_PACKAGES =
            List.of("java.sql", "javax.sql", "org.postgresql", "org.jdbi", "org.flywaydb", "com.zaxxer");
    /**
     * The one JDBC type common-core may name: JsonLog recognises a database error by it to keep bound
     * values out of the log line (ErrorText). Naming an exception type opens no connection.
     */
    private static final Set<String> DATABASE_TYPES_CORE_MAY_NAME = Set.of("java.sql.SQLException");
    private static final List<String> TEST_LIBRARY_GROUPS = List.of("org.junit", "org.assertj", "org.mockito");
    private static final List<String> TEST_LIBRARY_PACKAGES = List.of("org.junit", "org.assertj", "org.mockito");

    private final Map<String, Module> modules;

    ArchitectureRules(Map<String, Module> modules) {
        this.modules = modules;
    }

    List<String> violations() {
        List<String> violations = new ArrayList<>();
        functionsTalkOverSqsOnly(violations);
        commonCoreKnowsNoDatabase(violations);
        productionCodeNeverUsesTestFixtures(violations);
        deployedCodeShipsNoStandIns(violations);
        layers(violations);
        return violations;
    }

    private void functionsTalkOverSqsOnly(List<String> violations) {
        List<Module> functions = withRole(Role.FUNCTION);
        for (Module function : functions) {
            for (Dependency dependency : function.dependencies()) {
                Module target = modules.get(dependency.artifactId());
                if (dependency.isOurs() && target != null && target.role() == Role.FUNCTION) {
                    violations.add(function.name() + " depends on function " + dependency
                            + ": functions talk over SQS only, and each function module tests only itself");
                }
            }
            List<String> others = functions.stream()
                    .filter(other -> other != function)
                    .map(Module::basePackage)
                    .toList();
            for (String imported : union(function.mainImports(), function.testImports())) {
                if (!Module.importsUnder(Set.of(imported), others).isEmpty()) {
                    violations.add(function.name() + " imports " + imported
                            + " from another function: functions talk over SQS only");
                }
            }
        }
    }

    private void commonCoreKnowsNoDatabase(List<String> violations) {
        Module core = modules.get("common-core");
        if (core == null) {
            violations.add("no module common-core: ARCHITECTURE.md's table names it");
            return;
        }
        for (Dependency dependency : core.dependencies()) {
            if (!dependency.reachesProductionCode()) {
                continue;
            }
            if (dependency.isOurs()) {
                violations.add("common-core depends on " + dependency
                        + ": common-core is the bottom layer and knows no database");
            } else if (startsWithAny(dependency.groupId(), DATABASE_GROUPS)) {
                violations.add("common-core depends on " + dependency + ": common-core knows no database");
            }
        }
        for (String imported : Module.importsUnder(core.mainImports(), DATABASE_PACKAGES)) {
            if (DATABASE_TYPES_CORE_MAY_NAME.contains(imported)) {
                continue;
            }
            violations.add("common-core imports " + imported + ": common-core knows no database");
        }
        Module db = modules.get("common-db");
        if (db != null) {
            for (String imported : Module.importsUnder(core.mainImports(), List.of(db.basePackage()))) {
                violations.add("common-core imports " + imported + ": common-core knows no database");
            }
        }
    }

    private void productionCodeNeverUsesTestFixtures(List<String> violations) {
        List<String> fixturePackages = modules.values().stream()
                .filter(m -> !m.role().isProductionCode())
                .map(Module::basePackage)
                .toList();
        for (Module module : modules.values()) {
            for (Dependency dependency : module.dependencies()) {
                if (dependency.isTestJar()) {
                    violations.add(module.name() + " depends on the test classes of " + dependency
                            + ": fixtures live in testkit, never in another module's test-jar");
                }
            }
            if (!module.role().isProductionCode()) {
                continue;
            }
            for (Module reached : productionClasspath(module)) {
                if (!reached.role().isProductionCode()) {
                    violations.add(module.name() + "'s production code reaches " + reached.name() + " ("
                            + reached.role() + "): production code never uses test fixtures");
                }
            }
            for (Dependency dependency : module.dependencies()) {
                if (dependency.reachesProductionCode() && startsWithAny(dependency.groupId(), TEST_LIBRARY_GROUPS)) {
                    violations.add(module.name() + " puts " + dependency
                            + " on its production classpath: production code never uses test libraries");
                }
            }
            for (String imported : Module.importsUnder(module.mainImports(), union(fixturePackages, TEST_LIBRARY_PACKAGES))) {
                violations.add(module.name() + "'s production code imports " + imported
                        + ": production code never uses test fixtures");
            }
        }
    }

    private void deployedCodeShipsNoStandIns(List<String> violations) {
        List<String> localPackages = withRole(Role.LOCAL).stream().map(Module::basePackage).toList();
        for (Module module : modules.values()) {
            if (module.role() != Role.FUNCTION && module.role() != Role.SHARED) {
                continue;
            }
            for (Module reached : productionClasspath(module)) {
                if (reached.role() == Role.LOCAL) {
                    violations.add(module.name() + " (deployed) reaches " + reached.name()
                            + ": deployed code ships no local stand-ins");
                }
            }
            for (String imported : Module.importsUnder(module.mainImports(), localPackages)) {
                violations.add(module.name() + " (deployed) imports " + imported
                        + ": deployed code ships no local stand-ins");
            }
        }
    }

    private void layers(List<String> violations) {
        Module db = modules.get("common-db");
        if (db != null) {
            for (Module reached : productionClasspath(db)) {
                if (!reached.name().equals("common-core")) {
                    violations.add("common-db reaches " + reached.name() + ": common-db depends on common-core only");
                }
            }
        }
        for (Module function : withRole(Role.FUNCTION)) {
            for (Module reached : productionClasspath(function)) {
                if (reached.role() != Role.SHARED) {
                    violations.add(function.name() + "'s production code reaches " + reached.name()
                            + ": a function reaches common-core and common-db only");
                }
            }
        }
    }

    /**
     * Our modules on a module's production classpath, as Maven resolves it: its own non-test
     * dependencies, then the compile and runtime dependencies of those, transitively.
     */
    Set<Module> productionClasspath(Module module) {
        Set<Module> reached = new LinkedHashSet<>();
        Deque<Module> pending = new ArrayDeque<>();
        for (Dependency dependency : module.dependencies()) {
            if (dependency.reachesProductionCode()) {
                enqueue(dependency, reached, pending);
            }
        }
        while (!pending.isEmpty()) {
            for (Dependency dependency : pending.pop().dependencies()) {
                if (dependency.isTransitive()) {
                    enqueue(dependency, reached, pending);
                }
            }
        }
        return reached;
    }

    private void enqueue(Dependency dependency, Set<Module> reached, Deque<Module> pending) {
        Module target = dependency.isOurs() ? modules.get(dependency.artifactId()) : null;
        if (target != null && reached.add(target)) {
            pending.push(target);
        }
    }

    private List<Module> withRole(Role role) {
        return modules.values().stream().filter(m -> m.role() == role).toList();
    }

    private static boolean startsWithAny(String groupId, List<String> groups) {
        return groups.stream().anyMatch(g -> groupId.equals(g) || groupId.startsWith(g + "."));
    }

    private static <T> List<T> union(Iterable<T> a, Iterable<T> b) {
        List<T> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }
}
