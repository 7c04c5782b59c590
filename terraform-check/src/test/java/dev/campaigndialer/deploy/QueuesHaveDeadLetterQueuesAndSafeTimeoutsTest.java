package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformQueueSettingsMatchQueueTopologyTest.TerraformQueues;
import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every queue has its own dead-letter queue after at least 5 receives, a visibility timeout of at
 * least 6 x its consumer's timeout (enforced by a precondition as well), server-side encryption,
 * and the names {@code <project>-<queue>-<environment>} / {@code <project>-<queue>-dlq-<environment>}.
 */
class QueuesHaveDeadLetterQueuesAndSafeTimeoutsTest {

    private static final Pattern DEAD_LETTER_TARGET = Pattern.compile("aws_sqs_queue\\.([A-Za-z0-9_-]+)\\.");
    private static final Pattern LITERAL_MAX_RECEIVE_COUNT = Pattern.compile("\"maxReceiveCount\"\\s*:\\s*([0-9.]+)");

    private final TerraformSource terraform = TerraformSource.load();

    @Test
    void everyDeclaredQueueRedrivesAfterAtLeastFiveReceives() {
        List<String> problems = new ArrayList<>();
        TerraformQueues.defaults(terraform).forEach((name, settings) -> {
            Optional<Integer> maxReceiveCount = Hcl.integer(Hcl.map(settings).get("max_receive_count"));
            if (maxReceiveCount.isEmpty() || maxReceiveCount.get() < 5) {
                problems.add(TerraformQueues.where(terraform) + " default[\"" + name + "\"]: max_receive_count is "
                        + maxReceiveCount.map(String::valueOf).orElse("missing") + ", must be at least 5");
            }
        });
        assertThat(problems).as("queues that give up on a message too early").isEmpty();
    }

    @Test
    void everyVisibilityTimeoutIsAtLeastSixTimesTheConsumerTimeout() {
        List<String> problems = new ArrayList<>();
        TerraformQueues.defaults(terraform).forEach((name, settings) -> {
            Map<String, Object> queue = Hcl.map(settings);
            Optional<Integer> visibility = Hcl.integer(queue.get("visibility_timeout_seconds"));
            Optional<Integer> consumer = Hcl.integer(queue.get("consumer_timeout_seconds"));
            if (visibility.isEmpty() || consumer.isEmpty() || visibility.get() < 6 * consumer.get()) {
                problems.add(TerraformQueues.where(terraform) + " default[\"" + name + "\"]: visibility_timeout_seconds "
                        + visibility.map(String::valueOf).orElse("missing") + " is below 6 x consumer_timeout_seconds "
                        + consumer.map(String::valueOf).orElse("missing"));
            }
        });
        assertThat(problems).as("queues that would redeliver a message while its consumer still runs").isEmpty();
    }

    @Test
    void everyMainQueueHasItsOwnDeadLetterQueue() {
        List<Block> queues = terraform.resources("aws_sqs_queue");
        assertThat(queues).as("aws_sqs_queue resources under terraform/").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Block queue : queues) {
            if (isDeadLetterQueue(queue)) {
                continue;
            }
            String redrive = Hcl.text(queue.get("redrive_policy"));
            Matcher target = DEAD_LETTER_TARGET.matcher(redrive.substring(Math.max(0, redrive.indexOf("deadLetterTargetArn"))));
            if (!redrive.contains("deadLetterTargetArn") || !redrive.contains("maxReceiveCount") || !target.find()) {
                problems.add(queue.where() + ": needs redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.<dlq>... , "
                        + "maxReceiveCount = ... })");
                continue;
            }
            String dlqName = target.group(1);
            Optional<Block> dlq = terraform.resources("aws_sqs_queue").stream()
                    .filter(other -> other.name().equals(dlqName) && other.file().dir().equals(queue.file().dir()))
                    .findFirst();
            if (dlq.isEmpty() || dlq.get() == queue || !isDeadLetterQueue(dlq.get())) {
                problems.add(queue.where() + ": dead-letter target aws_sqs_queue." + dlqName
                        + " must be a separate queue named <project>-<queue>-dlq-<environment>");
            } else if (!Hcl.text(dlq.get().get("for_each")).equals(Hcl.text(queue.get("for_each")))) {
                problems.add(queue.where() + ": for_each " + Hcl.text(queue.get("for_each")) + " differs from its DLQ's "
                        + Hcl.text(dlq.get().get("for_each")) + ", so some queue would lack a DLQ");
            }
            // A literal count shows up in hcl4j's JSON rendering of jsonencode(...); a reference
            // (each.value.max_receive_count) is checked through the queues variable above.
            Matcher literalCount = LITERAL_MAX_RECEIVE_COUNT.matcher(redrive);
            if (literalCount.find() && Double.parseDouble(literalCount.group(1)) < 5) {
                problems.add(queue.where() + ": maxReceiveCount " + literalCount.group(1) + " is below 5");
            }
        }
        assertThat(problems).as("queues without a proper dead-letter queue").isEmpty();
    }

    @Test
    void queuesAreNamedPerProjectQueueAndEnvironment() {
        List<String> problems = new ArrayList<>();
        for (Block queue : terraform.resources("aws_sqs_queue")) {
            // hcl4j splices references into templates: "${var.project}-${each.key}-${var.environment}".
            String name = Hcl.text(queue.get("name"));
            String expected = isDeadLetterQueue(queue) ? "var.project-each.key-dlq-var.environment" : "var.project-each.key-var.environment";
            if (!name.equals(expected)) {
                problems.add(queue.where() + ": name is \"" + name + "\", expected the template " + expected.replace("var.", "")
                        .replace("each.key", "<queue>"));
            }
        }
        assertThat(problems).as("queue names").isEmpty();
    }

    @Test
    void everyQueueIsEncryptedAndDeadLettersAreKeptFourteenDays() {
        List<String> problems = new ArrayList<>();
        for (Block queue : terraform.resources("aws_sqs_queue")) {
            if (!Boolean.TRUE.equals(queue.get("sqs_managed_sse_enabled")) && !queue.has("kms_master_key_id")) {
                problems.add(queue.where() + ": needs server-side encryption (sqs_managed_sse_enabled = true)");
            }
        }
        Optional<Integer> retention = terraform.variable(LambdaFunctions.ROOT, "dlq_message_retention_seconds")
                .flatMap(variable -> Hcl.integer(variable.get("default")));
        if (retention.isEmpty() || retention.get() != 14 * 24 * 3600) {
            problems.add("terraform/variables.tf: variable \"dlq_message_retention_seconds\" should default to 1209600 (14 days), is "
                    + retention.map(String::valueOf).orElse("missing"));
        }
        assertThat(problems).as("queue encryption and DLQ retention").isEmpty();
    }

    @Test
    void queuesModuleEnforcesTheVisibilityRuleWithAPrecondition() {
        List<String> problems = new ArrayList<>();
        for (Block queue : terraform.resources("aws_sqs_queue")) {
            if (isDeadLetterQueue(queue)) {
                continue;
            }
            List<Map<String, Object>> preconditions = Hcl.blocks(queue.nested("lifecycle").get("precondition"));
            // hcl4j evaluates the condition itself; the message says what the precondition is for.
            boolean visibilityRule = preconditions.stream()
                    .map(precondition -> Hcl.text(precondition.get("error_message")))
                    .anyMatch(message -> message.contains("visibility_timeout_seconds") && message.contains("6 x"));
            if (!visibilityRule) {
                problems.add(queue.where() + ": needs lifecycle { precondition { condition = visibility >= 6 * consumer timeout, "
                        + "error_message mentioning visibility_timeout_seconds and \"6 x\" } }");
            }
        }
        assertThat(problems).as("queues without the visibility-timeout precondition").isEmpty();
    }

    private static boolean isDeadLetterQueue(Block queue) {
        return Hcl.text(queue.get("name")).contains("-dlq-");
    }
}
