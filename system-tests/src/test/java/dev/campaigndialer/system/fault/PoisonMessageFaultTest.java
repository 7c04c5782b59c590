package dev.campaigndialer.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.report.CampaignReport;
import dev.campaigndialer.system.SystemStack;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Scenario 2: poison messages. On every queue, in the same batches as real work: malformed JSON, an
 * unknown message type, a message without its ids and one naming a campaign or task that does not
 * exist.
 * Each lands in its queue's DLQ after exactly {@code maxReceiveCount} receives; the real messages of
 * the same batches are processed, and the campaign completes with exact counts. The functions run
 * from their jars on the local stack; its event source mappings and ElasticMQ's redrive policy do
 * the rest, as in AWS.
 */
@ExtendWith(ReliabilityTable.class)
class PoisonMessageFaultTest {

    /** The four poison bodies for a queue, by kind. */
    private static Map<String, String> poison(String queue, UUID campaign) {
        UUID unknown = UUID.randomUUID();
        Map<String, String> bodies = new LinkedHashMap<>();
        switch (queue) {
            case QueueTopology.DISPATCH -> {
                bodies.put("malformed JSON", "{\"type\":\"campaign-accepted\",\"version\":1,\"campaignId\":");
                bodies.put("unknown type", "{\"type\":\"campaign-exploded\",\"version\":1,\"campaignId\":\"" + campaign + "\"}");
                bodies.put("missing ids", "{\"type\":\"campaign-accepted\",\"version\":1}");
                bodies.put("unknown id", "{\"type\":\"campaign-accepted\",\"version\":1,\"campaignId\":\"" + unknown + "\"}");
            }
            case QueueTopology.REPORT -> {
                bodies.put("malformed JSON", "not json at all {");
                bodies.put("unknown type", "{\"type\":\"report-please\",\"version\":1,\"campaignId\":\"" + campaign + "\"}");
                bodies.put("missing ids", "{\"type\":\"campaign-finished\",\"version\":1}");
                bodies.put("unknown id", "{\"type\":\"campaign-finished\",\"version\":1,\"campaignId\":\"" + unknown + "\"}");
            }
            default -> {
                bodies.put("malformed JSON", "{\"type\":\"dial-task\",\"version\":1,\"taskId\":\"" + unknown);
                bodies.put("unknown type", "{\"type\":\"dial-everyone\",\"version\":1,\"taskId\":\"" + unknown
                        + "\",\"campaignId\":\"" + campaign + "\"}");
                bodies.put("missing ids", "{\"type\":\"dial-task\",\"version\":1,\"campaignId\":\"" + campaign + "\"}");
                bodies.put("unknown id", "{\"type\":\"dial-task\",\"version\":1,\"taskId\":\"" + unknown
                        + "\",\"campaignId\":\"" + campaign + "\"}");
            }
        }
        return bodies;
    }

    @Test
    void eachPoisonMessageReachesItsDlqAfterMaxReceiveCountAndTheCampaignCompletesExactly() throws Exception {
        var row = ReliabilityTable.row("2", "Poison messages",
                "on each of the 5 queues, mixed into batches of real work: malformed JSON, unknown type, missing ids, "
                        + "unknown campaign/task id → each in `<queue>-dlq` after exactly maxReceiveCount receives; "
                        + "real messages of the same batches processed; campaign exact");
        try (var system = SystemStack.start("poison", SystemStack.Options.defaults().visibilityTimeoutSeconds(4))) {
            var campaign = FaultCampaign.on(system, "poison", "555");
            // Every mapping waits: the poison goes in first, then real work piles up behind it.
            List<String> batchQueues = List.of(QueueTopology.ENRICH, QueueTopology.DIAL, QueueTopology.STATUS);
            system.hold(QueueTopology.all().stream().map(QueueSettings::name).toArray(String[]::new));
            UUID id = campaign.submit(10);

            // Poison message id → queue and kind.
            Map<String, String> poisonQueue = new HashMap<>();
            Map<String, String> poisonKind = new HashMap<>();
            Map<String, Set<String>> poisonBodies = new HashMap<>();
            for (QueueSettings queue : QueueTopology.all()) {
                Map<String, String> bodies = poison(queue.name(), id);
                poisonBodies.put(queue.name(), Set.copyOf(bodies.values()));
                String url = system.stack.queues().queue(queue.name()).url();
                bodies.forEach((kind, body) -> {
                    String messageId = system.stack.sqs().sendMessage(request -> request.queueUrl(url).messageBody(body))
                            .messageId();
                    poisonQueue.put(messageId, queue.name());
                    poisonKind.put(messageId, queue.name() + ": " + kind);
                });
            }

            // Dispatch and report take one message per batch; the batch queues' mappings start once real
            // work has piled up behind the (older) poison, so the first batch of each mixes both.
            system.faults().release(QueueTopology.DISPATCH).release(QueueTopology.REPORT);
            for (String queue : batchQueues) {
                system.await(queue + " holding poison and real work", Duration.ofSeconds(60),
                        () -> system.stack.queues().depth(queue).total() >= 4 + 6);
                system.faults().release(queue);
            }
            // Drained queues: every poison message moved to its DLQ on the receive after its last one.
            CampaignReport report = campaign.awaitReport(Duration.ofSeconds(180));
            Map<String, List<Message>> deadLetters = system.takeDeadLetters();

            // Which poison messages shared a batch with real work that was deleted; real work left undone next to poison.
            Set<String> coBatched = new HashSet<>();
            int realFailedNextToPoison = 0;
            Map<String, Integer> realReceives = new HashMap<>();
            for (SystemStack.Batch batch : system.batches()) {
                List<Message> poisonHere = batch.messages().stream().filter(m -> poisonQueue.containsKey(m.messageId())).toList();
                List<Message> real = batch.messages().stream().filter(m -> !poisonQueue.containsKey(m.messageId())).toList();
                real.forEach(m -> realReceives.merge(m.messageId(), 1, Integer::sum));
                if (poisonHere.isEmpty()) {
                    continue;
                }
                if (real.stream().anyMatch(batch::deleted)) {
                    poisonHere.forEach(m -> coBatched.add(m.messageId()));
                }
                realFailedNextToPoison += (int) real.stream().filter(m -> !batch.deleted(m)).count();
            }
            long functionErrors = system.batches().stream().filter(batch -> batch.error().isPresent()).count();

            // A DLQ'd message is recognised by its body: each queue's four poison bodies are distinct.
            int poisonDeadLettered = 0;
            int realDeadLettered = 0;
            for (var entry : deadLetters.entrySet()) {
                for (Message message : entry.getValue()) {
                    if (poisonBodies.get(entry.getKey()).contains(message.body())) {
                        poisonDeadLettered++;
                    } else {
                        realDeadLettered++;
                    }
                }
            }
            Map<String, Integer> receives = new LinkedHashMap<>();
            poisonKind.forEach((messageId, kind) -> receives.put(kind, system.receiveCount(messageId)));
            int batchQueuePoison = (int) poisonQueue.values().stream()
                    .filter(queue -> QueueTopology.of(queue).batchSize() > 1).count();
            int batchQueuePoisonCoBatched = (int) coBatched.stream()
                    .filter(messageId -> QueueTopology.of(poisonQueue.get(messageId)).batchSize() > 1).count();

            campaign.measure(row);
            row.figure("poison DLQ'd", poisonDeadLettered + "/" + poisonQueue.size())
                    .figure("receives per poison message", receives.values().stream().distinct().sorted().toList())
                    .figure("poison sharing a batch with real work (batch-size-10 queues)",
                            batchQueuePoisonCoBatched + "/" + batchQueuePoison)
                    .figure("real messages DLQ'd", realDeadLettered)
                    .figure("most receives of a real message", realReceives.values().stream().mapToInt(Integer::intValue)
                            .max().orElse(0))
                    .figure("real messages failed next to poison", realFailedNextToPoison);

            campaign.assertExact(report);
            for (QueueSettings queue : QueueTopology.all()) {
                assertThat(deadLetters.get(queue.name())).as("DLQ of %s", queue.name()).extracting(Message::body)
                        .containsExactlyInAnyOrderElementsOf(poisonBodies.get(queue.name()));
            }
            assertThat(poisonDeadLettered).isEqualTo(20);
            assertThat(realDeadLettered).isZero();
            receives.forEach((kind, count) -> assertThat(count).as("receives of %s", kind)
                    .isEqualTo(QueueTopology.of(kind.substring(0, kind.indexOf(':'))).maxReceiveCount()));
            assertThat(batchQueuePoisonCoBatched).as("poison messages that shared a batch with successful real work")
                    .isEqualTo(batchQueuePoison);
            assertThat(realFailedNextToPoison).isZero();
            assertThat(functionErrors).as("invocations that failed as a whole (poison must fail only itself)").isZero();
        }
    }
}
