package dev.campaigndialer.architecture;

import java.util.List;
import java.util.Set;

/**
 * A reactor module as the rules see it: its role and package from ARCHITECTURE.md's table, the
 * dependencies its pom declares, and what its main and test sources import.
 */
record Module(String name, Role role, String basePackage, List<Dependency> dependencies,
        Set<String> mainImports, Set<String> testImports) {

    /** The column "role" of ARCHITECTURE.md's module table. */
    enum Role {
        /** A Lambda function: deployed, talks to the other functions over SQS only. */
        FUNCTION,
        /** Code every function ships: common-core, common-db. */
        SHARED,
        /** Runs on a developer's machine (the stand-ins, the local stack, the benchmarks); never deployed. */
        LOCAL,
        /** Test fixtures on the classpath of tests only (testkit). */
        TEST_SUPPORT,
        /** Tests only, no production code (system tests, the Terraform and architecture checks). */
        CHECK;

        static Role parse(String cell) {
            return valueOf(cell.trim().toUpperCase().replace('-', '_').replace(' ', '_'));
        }

        boolean isProductionCode() {
            return this == FUNCTION || this == SHARED || this == LOCAL;
        }
    }

    /** The imports that fall under any of the packages, sorted for a stable message. */
    static List<String> importsUnder(Set<String> imports, List<String> packages) {
        return imports.stream()
                .filter(i -> packages.stream().anyMatch(p -> i.equals(p) || i.startsWith(p + ".")))
                .sorted()
                .toList();
    }
}
