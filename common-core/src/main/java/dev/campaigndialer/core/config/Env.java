package dev.campaigndialer.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Typed access to a function's environment. Read once, in a handler's no-argument constructor
 * (the Lambda init phase); tests pass a plain map instead of touching the process environment.
 * Immutable and thread-safe.
 */
public final class Env {

    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** System property prefix that overrides an environment variable (see {@link #system()}). */
    public static final String OVERRIDE_PREFIX = "campaigndialer.env.";

    // Off unless the local stack's runtime turns it on: see allowSystemPropertyOverrides().
    private static volatile boolean systemPropertyOverrides;

    /**
     * The process environment. A JVM cannot change its own environment, so the local stack, which
     * runs every function in one JVM, sets system properties {@code campaigndialer.env.<NAME>}
     * instead; once it has called {@link #allowSystemPropertyOverrides()}, they override
     * {@code NAME}. Anywhere else (a deployed function above all) they are ignored: the
     * environment is what Terraform declares, and a {@code -D} in {@code JAVA_TOOL_OPTIONS} cannot
     * reach around it (to a database name, a trust store, a queue).
     */
    public static Env system() {
        var values = new java.util.HashMap<>(System.getenv());
        if (systemPropertyOverrides) {
            System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith(OVERRIDE_PREFIX))
                    .forEach(name -> values.put(name.substring(OVERRIDE_PREFIX.length()), System.getProperty(name)));
        }
        return new Env(values);
    }

    /**
     * Lets {@code campaigndialer.env.*} system properties override the environment in this class
     * loader from now on. Only the local stack calls it (its function runtime, on each function's
     * own copy of this class; benchmarks that build handlers the same way): it is a call, not a
     * setting, so no JVM option, environment variable or configuration file can turn it on.
     */
    public static void allowSystemPropertyOverrides() {
        systemPropertyOverrides = true;
    }

    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    /** The value, or a {@link ConfigurationException} naming the missing setting. */
    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name + " is required but not set"));
    }

    /** The value when set and not blank. */
    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String orDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int intOrDefault(String name, int fallback) {
        return optional(name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be an integer, was '" + value + "'");
            }
        }).orElse(fallback);
    }

    public boolean flag(String name) {
        return optional(name).map(value -> switch (value.toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigurationException(name + " must be true or false, was '" + value + "'");
        }).orElse(false);
    }

    /** A copy with some values replaced: tests and the local stack derive settings this way. */
    public Env with(Map<String, String> overrides) {
        var merged = new java.util.HashMap<>(values);
        merged.putAll(overrides);
        return new Env(merged);
    }
}
