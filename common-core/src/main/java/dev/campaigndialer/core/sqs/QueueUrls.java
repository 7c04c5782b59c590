package dev.campaigndialer.core.sqs;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionManifest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The URLs of the queues one function may send to, and of no other: a function resolves exactly
 * the queues its {@link FunctionManifest} declares. A declared queue whose {@code <NAME>_QUEUE_URL}
 * is missing fails when the function starts (a deployment that forgot it fails at once, not at the
 * first send); asking for an undeclared queue fails even when its variable happens to be set, so
 * code that sends somewhere new fails its tests until the declaration (and with it Terraform's
 * grant) says so. Immutable and thread-safe.
 */
public final class QueueUrls {

    private final FunctionManifest function;
    private final Map<String, String> urls;

    private QueueUrls(FunctionManifest function, Map<String, String> urls) {
        this.function = function;
        this.urls = Map.copyOf(urls);
    }

    /** The declared queues' URLs from {@code <NAME>_QUEUE_URL}; a missing one is a {@link ConfigurationException}. */
    public static QueueUrls fromEnvironment(Env env, FunctionManifest function) {
        Map<String, String> urls = new TreeMap<>();
        for (String queue : function.sendsTo()) {
            urls.put(queue, env.optional(variable(queue)).orElseThrow(() -> new ConfigurationException(variable(queue)
                    + " is required: " + function.name() + " sends to the " + queue + " queue (FunctionCatalog)")));
        }
        return new QueueUrls(function, urls);
    }

    /**
     * The declared queues' URLs picked from {@code available} (queue name to URL; tests and tools
     * create every queue and hand each function only its own).
     */
    public static QueueUrls forFunction(FunctionManifest function, Map<String, String> available) {
        Map<String, String> urls = new TreeMap<>();
        for (String queue : function.sendsTo()) {
            String url = available.get(queue);
            if (url == null) {
                throw new IllegalArgumentException("no URL for the " + queue + " queue, which " + function.name()
                        + " sends to; given " + available.keySet());
            }
            urls.put(queue, url);
        }
        return new QueueUrls(function, urls);
    }

    public String url(String queueName) {
        String url = urls.get(queueName);
        if (url == null) {
            throw new ConfigurationException(function.name() + " may not send to the " + queueName
                    + " queue: FunctionCatalog does not declare it (declared: " + new java.util.TreeSet<>(urls.keySet()) + "), so Terraform "
                    + "grants no sqs:SendMessage and sets no " + variable(queueName));
        }
        return url;
    }

    /** The queues this function may send to. */
    public Set<String> queues() {
        return urls.keySet();
    }

    public FunctionManifest function() {
        return function;
    }

    public static String variable(String queueName) {
        return queueName.toUpperCase(java.util.Locale.ROOT) + "_QUEUE_URL";
    }
}
