package dev.campaigndialer.bench.pipeline;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The ceiling the local SQS puts on the pipeline: the same message pattern as a pipeline run (its
 * messages per queue), through the same ElasticMQ, with handlers that do nothing. Per queue, a
 * producer sends the run's message count in batches of 10 while {@code consumers} threads (the
 * containers of the run) receive in batches of 10 and delete each batch at once; all queues at the
 * same time. The time to the last delete, over the run's contacts, is the most contacts per second
 * the pipeline could reach if its functions cost nothing.
 */
public final class SqsCeiling {

    /** What the ceiling run measured. */
    public record Result(long messages, double seconds, long requests) {
        public double messagesPerSecond() {
            return messages / seconds;
        }
    }

    private static final String BODY = "{\"type\":\"dial-task\",\"version\":1,\"taskId\":\"%s\","
            + "\"campaignId\":\"00000000-0000-0000-0000-000000000000\"}";

    private SqsCeiling() {
    }

    /**
     * @param endpoint        the local SQS
     * @param messagesByQueue the run's messages per queue
     * @param consumers       receiving threads per queue (the run's containers per function)
     */
    public static Result run(URI endpoint, Map<String, Long> messagesByQueue, int consumers) throws Exception {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            Map<String, String> urls = new java.util.LinkedHashMap<>();
            messagesByQueue.forEach((queue, count) -> urls.put(queue, sqs.createQueue(create -> create
                    .queueName("ceiling-" + queue + "-" + System.nanoTime())).queueUrl()));
            ExecutorService pool = Executors.newFixedThreadPool(messagesByQueue.size() * (consumers + 1));
            AtomicLong requests = new AtomicLong();
            long total = messagesByQueue.values().stream().mapToLong(Long::longValue).sum();
            long started = System.nanoTime();
            try {
                List<Future<?>> work = new ArrayList<>();
                messagesByQueue.forEach((queue, count) -> {
                    String url = urls.get(queue);
                    work.add(pool.submit(() -> produce(sqs, url, count, requests)));
                    AtomicLong consumed = new AtomicLong();
                    for (int i = 0; i < consumers; i++) {
                        work.add(pool.submit(() -> consume(sqs, url, count, consumed, requests)));
                    }
                });
                for (Future<?> future : work) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            urls.values().forEach(url -> sqs.deleteQueue(delete -> delete.queueUrl(url)));
            return new Result(total, seconds, requests.get());
        }
    }

    private static void produce(SqsClient sqs, String url, long count, AtomicLong requests) {
        for (long sent = 0; sent < count; sent += 10) {
            long first = sent;
            List<SendMessageBatchRequestEntry> entries = IntStream.range(0, (int) Math.min(10, count - sent))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i)
                            .messageBody(String.format(BODY, new java.util.UUID(first, i))).build()).toList();
            sqs.sendMessageBatch(send -> send.queueUrl(url).entries(entries));
            requests.incrementAndGet();
        }
    }

    private static void consume(SqsClient sqs, String url, long count, AtomicLong consumed, AtomicLong requests) {
        while (consumed.get() < count) {
            List<Message> batch = sqs.receiveMessage(receive -> receive.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            requests.incrementAndGet();
            if (batch.isEmpty()) {
                continue;
            }
            sqs.deleteMessageBatch(delete -> delete.queueUrl(url).entries(batch.stream()
                    .map(message -> DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                            .receiptHandle(message.receiptHandle()).build()).toList()));
            requests.incrementAndGet();
            consumed.addAndGet(batch.size());
        }
    }
}
