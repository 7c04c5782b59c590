package dev.campaigndialer.core.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function resolves the URLs of exactly the queues FunctionCatalog declares for it: a declared
 * one missing from the environment fails at start, an undeclared one fails even when its variable
 * is set (the local stack once gave every function every URL, which hid three missing grants).
 */
class QueueUrlsResolveOnlyDeclaredQueuesTest {

    private static Map<String, String> everyQueueUrl() {
        Map<String, String> env = new HashMap<>();
        for (QueueSettings queue : QueueTopology.all()) {
            env.put(QueueUrls.variable(queue.name()), "https://sqs.us-east-1.amazonaws.com/123456789012/" + queue.name());
        }
        return env;
    }

    @Test
    void aFunctionResolvesItsDeclaredQueuesAndNoOther() {
        QueueUrls urls = QueueUrls.fromEnvironment(Env.of(everyQueueUrl()), FunctionCatalog.ENRICH_DIAL_TASK);

        assertThat(urls.queues()).containsExactlyInAnyOrder(QueueTopology.DIAL, QueueTopology.REPORT);
        assertThat(urls.url(QueueTopology.DIAL)).endsWith("/dial");
        assertThatThrownBy(() -> urls.url(QueueTopology.STATUS))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("enrich-dial-task may not send to the status queue")
                .hasMessageContaining("FunctionCatalog");
    }

    @Test
    void aDeclaredQueueWithoutItsUrlFailsWhenTheFunctionStarts() {
        Map<String, String> env = everyQueueUrl();
        env.remove("REPORT_QUEUE_URL");

        assertThatThrownBy(() -> QueueUrls.fromEnvironment(Env.of(env), FunctionCatalog.VALIDATE_CAMPAIGN))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("REPORT_QUEUE_URL is required: validate-campaign sends to the report queue (FunctionCatalog)");
    }

    @Test
    void aFunctionThatSendsNowhereNeedsNoQueueUrlAndResolvesNone() {
        QueueUrls urls = QueueUrls.fromEnvironment(Env.of(Map.of()), FunctionCatalog.REPORT_GENERATOR);

        assertThat(urls.queues()).isEmpty();
        assertThatThrownBy(() -> urls.url(QueueTopology.REPORT)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void testsHandAFunctionOnlyItsOwnQueuesFromAllOfThem() {
        Map<String, String> all = Map.of(QueueTopology.DISPATCH, "d", QueueTopology.ENRICH, "e", QueueTopology.DIAL, "x");

        QueueUrls dispatcher = QueueUrls.forFunction(FunctionCatalog.DISPATCHER, all);

        assertThat(dispatcher.queues()).containsExactlyInAnyOrder(QueueTopology.DISPATCH, QueueTopology.ENRICH);
        assertThatThrownBy(() -> dispatcher.url(QueueTopology.DIAL)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> QueueUrls.forFunction(FunctionCatalog.STATUS_CHECKER, all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no URL for the report queue, which status-checker sends to");
    }
}
