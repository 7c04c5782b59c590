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

    /**
     * The process environment. A JVM cannot change its own environment, so the local stack, which
     * runs every function in one JVM, sets system properties {@code campaigndialer.env.<NAME>}
     * instead; they override {@code NAME}. In AWS none are set.
     */
    public static Env system() {
        var values = new java.util.HashMap<>(System.getenv());
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(OVERRIDE_PREFIX))
                .forEach(name -> values.put(name.substring(OVERRIDE_PREFIX.length()), System.getProperty(name)));
        return new Env(values);
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
