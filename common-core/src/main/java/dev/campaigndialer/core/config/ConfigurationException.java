package dev.campaigndialer.core.config;

/** A setting is missing or unsafe. Thrown at start-up so a bad deployment fails before any work. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
