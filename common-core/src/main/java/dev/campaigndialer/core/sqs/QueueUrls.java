package dev.campaigndialer.core.sqs;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import java.util.HashMap;
import java.util.Map;

/**
 * Queue URLs by queue name, from {@code <NAME>_QUEUE_URL} variables (Terraform gives each function
 * only the queues it sends to). Asking for one that is not configured fails naming the variable.
 */
public final class QueueUrls {

    private final Map<String, String> urls;

    private QueueUrls(Map<String, String> urls) {
        this.urls = Map.copyOf(urls);
    }

    public static QueueUrls fromEnvironment(Env env) {
        Map<String, String> urls = new HashMap<>();
        for (QueueSettings queue : QueueTopology.all()) {
            env.optional(variable(queue.name())).ifPresent(url -> urls.put(queue.name(), url));
        }
        return new QueueUrls(urls);
    }

    public static QueueUrls of(Map<String, String> urls) {
        return new QueueUrls(urls);
    }

    public String url(String queueName) {
        String url = urls.get(queueName);
        if (url == null) {
            throw new dev.campaigndialer.core.config.ConfigurationException(variable(queueName) + " is not set");
        }
        return url;
    }

    public static String variable(String queueName) {
        return queueName.toUpperCase() + "_QUEUE_URL";
    }
}
