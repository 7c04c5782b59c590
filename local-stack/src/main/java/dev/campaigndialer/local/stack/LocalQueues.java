package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The pipeline's queues in ElasticMQ, built from {@link QueueTopology} (the same settings Terraform
 * declares, checked by terraform-check): each with its DLQ, visibility timeout and a RedrivePolicy
 * with {@code maxReceiveCount}. Thread-safe.
 */
public final class LocalQueues {

    /** Where a queue's messages are: visible, in flight (received, not deleted), delayed. */
    public record Depth(String queue, int visible, int inFlight, int delayed) {
        public int total() {
            return visible + inFlight + delayed;
        }
    }

    /** A created queue. */
    public record Queue(QueueSettings settings, String url, String arn, String dlqUrl, String dlqArn,
            int visibilityTimeoutSeconds) {
    }

    private final SqsClient sqs;
    private final Map<String, Queue> queues;

    private LocalQueues(SqsClient sqs, Map<String, Queue> queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    /** Creates every queue of the topology (idempotent: an existing queue is reused). */
    public static LocalQueues create(SqsClient sqs, Optional<Integer> visibilityTimeoutOverride) {
        return create(sqs, QueueTopology.all(), visibilityTimeoutOverride);
    }

    public static LocalQueues create(SqsClient sqs, List<QueueSettings> topology, Optional<Integer> visibilityTimeoutOverride) {
        Map<String, Queue> queues = new LinkedHashMap<>();
        for (QueueSettings settings : topology) {
            queues.put(settings.name(), createQueue(sqs, settings, visibilityTimeoutOverride));
        }
        return new LocalQueues(sqs, queues);
    }

    private static Queue createQueue(SqsClient sqs, QueueSettings settings, Optional<Integer> visibilityOverride) {
        String dlqUrl = sqs.createQueue(request -> request.queueName(settings.deadLetterName())
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(14 * 24 * 3600))))
                .queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        int visibility = visibilityOverride.orElse(settings.visibilityTimeoutSeconds());
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + settings.maxReceiveCount()
                + "\"}";
        String url = sqs.createQueue(request -> request.queueName(settings.name()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibility),
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
        return new Queue(settings, url, arn(sqs, url), dlqUrl, dlqArn, visibility);
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    public Queue queue(String name) {
        Queue queue = queues.get(name);
        if (queue == null) {
            throw new IllegalArgumentException("no queue named " + name);
        }
        return queue;
    }

    public List<Queue> all() {
        return List.copyOf(queues.values());
    }

    /** {@code <NAME>_QUEUE_URL} for every queue; each function is given only those it may send to. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        queues.values().forEach(queue -> env.put(QueueUrls.variable(queue.settings().name()), queue.url()));
        return env;
    }

    public Depth depth(String name) {
        return depthOf(name, queue(name).url());
    }

    public Depth deadLetterDepth(String name) {
        return depthOf(queue(name).settings().deadLetterName(), queue(name).dlqUrl());
    }

    private Depth depthOf(String name, String url) {
        GetQueueAttributesResponse response = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        Map<QueueAttributeName, String> attributes = response.attributes();
        return new Depth(name,
                Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
    }
}
