package dev.campaigndialer.local.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System properties the stack sets (the functions' environment among them, as
 * {@code campaigndialer.env.*}, read by common-core's {@code Env.system()}); {@link #close()} puts
 * back what was there before.
 */
final class SystemProperties implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    /** The JVM-wide settings every local AWS client here needs. */
    static SystemProperties forLocalAws(String region) {
        var properties = new SystemProperties();
        properties.set("http.maxConnections", "500"); // keep-alive for ~200 SDK clients on loopback
        properties.setIfAbsent("aws.accessKeyId", "local");
        properties.setIfAbsent("aws.secretAccessKey", "local");
        properties.setIfAbsent("aws.region", region);
        return properties;
    }

    synchronized void set(String name, String value) {
        if (!previous.containsKey(name)) {
            previous.put(name, System.getProperty(name));
        }
        System.setProperty(name, value);
    }

    synchronized void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) {
            set(name, value);
        }
    }

    @Override
    public synchronized void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
        previous.clear();
    }
}
