package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.deploy.LambdaFunctions.LambdaFunction;
import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The queues Terraform creates are the queues the code and the local stack use
 * ({@link QueueTopology}), with the same consumer, timeouts, redrive count, batch size and
 * concurrency, and each is consumed by the function of its consumer module.
 */
class TerraformQueueSettingsMatchQueueTopologyTest {

    private final TerraformSource terraform = TerraformSource.load();

    @Test
    void queuesVariableDeclaresTheSameQueuesAsQueueTopology() {
        Map<String, Object> queues = TerraformQueues.defaults(terraform);
        List<String> expected = QueueTopology.all().stream().map(QueueSettings::name).toList();
        assertThat(new TreeSet<>(queues.keySet()))
                .as("%s: default queue names vs QueueTopology.all()", TerraformQueues.where(terraform))
                .isEqualTo(new TreeSet<>(expected));
    }

    @Test
    void everyQueueSettingEqualsQueueTopology() {
        Map<String, Object> queues = TerraformQueues.defaults(terraform);
        List<String> problems = new ArrayList<>();
        for (QueueSettings code : QueueTopology.all()) {
            Map<String, Object> declared = Hcl.map(queues.get(code.name()));
            if (declared.isEmpty()) {
                continue; // reported by the test above
            }
            String where = TerraformQueues.where(terraform) + " default[\"" + code.name() + "\"]";
            compare(problems, where, "consumer_module", Hcl.string(declared.get("consumer_module")), code.consumerModule());
            compare(problems, where, "consumer_timeout_seconds", Hcl.integer(declared.get("consumer_timeout_seconds")), code.consumerTimeoutSeconds());
            compare(problems, where, "visibility_timeout_seconds", Hcl.integer(declared.get("visibility_timeout_seconds")), code.visibilityTimeoutSeconds());
            compare(problems, where, "max_receive_count", Hcl.integer(declared.get("max_receive_count")), code.maxReceiveCount());
            compare(problems, where, "batch_size", Hcl.integer(declared.get("batch_size")), code.batchSize());
            compare(problems, where, "maximum_concurrency", Hcl.integer(declared.get("maximum_concurrency")), code.maximumConcurrency());
        }
        assertThat(problems).as("Terraform queue settings that differ from QueueTopology (common-core)").isEmpty();
    }

    @Test
    void everyQueueIsConsumedByOneFunctionOfItsConsumerModule() {
        List<LambdaFunction> functions = LambdaFunctions.read(terraform).functions();
        List<String> problems = new ArrayList<>();
        for (QueueSettings queue : QueueTopology.all()) {
            List<LambdaFunction> consumers = functions.stream().filter(f -> queue.name().equals(f.queue())).toList();
            if (consumers.size() != 1) {
                problems.add("terraform/main.tf: local.functions should have exactly one entry with queue = \"" + queue.name()
                        + "\", found " + consumers);
            } else if (!consumers.get(0).module().equals(queue.consumerModule())) {
                problems.add(consumers.get(0).where() + ": consumes \"" + queue.name() + "\" but is module \""
                        + consumers.get(0).module() + "\", QueueTopology says \"" + queue.consumerModule() + "\"");
            }
        }
        for (LambdaFunction function : functions) {
            if (function.queue() != null && QueueTopology.all().stream().noneMatch(q -> q.name().equals(function.queue()))) {
                problems.add(function.where() + ": consumes unknown queue \"" + function.queue() + "\"");
            }
        }
        assertThat(problems).as("queue consumers").isEmpty();
    }

    private static void compare(List<String> problems, String where, String field, Optional<?> declared, Object expected) {
        if (declared.isEmpty() || !declared.get().equals(expected)) {
            problems.add(where + "." + field + " is " + declared.map(Object::toString).orElse("missing or not a literal")
                    + ", QueueTopology says " + expected);
        }
    }

    /** The root module's {@code queues} variable: one literal default map is the single source in Terraform. */
    static final class TerraformQueues {

        private TerraformQueues() {
        }

        static Map<String, Object> defaults(TerraformSource terraform) {
            Block variable = terraform.variable(LambdaFunctions.ROOT, "queues")
                    .orElseThrow(() -> new AssertionError("terraform/variables.tf: variable \"queues\" is missing"));
            Map<String, Object> defaults = Hcl.map(variable.get("default"));
            assertThat(defaults).as("%s: default must be a literal map of queues", variable.where()).isNotEmpty();
            return defaults;
        }

        static String where(TerraformSource terraform) {
            return terraform.variable(LambdaFunctions.ROOT, "queues").map(Block::where).orElse("terraform/variables.tf");
        }
    }
}
