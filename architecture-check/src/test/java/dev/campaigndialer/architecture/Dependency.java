package dev.campaigndialer.architecture;

/**
 * One {@code <dependency>} of a module's pom, with its scope already resolved against the parent's
 * {@code dependencyManagement} (Maven's default is {@code compile}).
 */
record Dependency(String groupId, String artifactId, String type, String scope) {

    static final String OUR_GROUP = "dev.campaigndialer";

    /** A module of this reactor rather than a library. */
    boolean isOurs() {
        return OUR_GROUP.equals(groupId);
    }

    /** On the classpath of the module's production code (test scope is the only scope that is not). */
    boolean reachesProductionCode() {
        return !"test".equals(scope);
    }

    /** Maven passes compile and runtime dependencies on to whoever depends on the module; provided and test stay. */
    boolean isTransitive() {
        return "compile".equals(scope) || "runtime".equals(scope);
    }

    /** Another module's test classes: fixtures that live outside testkit. */
    boolean isTestJar() {
        return "test-jar".equals(type);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + (type.equals("jar") ? "" : ":" + type) + " (" + scope + ")";
    }
}
