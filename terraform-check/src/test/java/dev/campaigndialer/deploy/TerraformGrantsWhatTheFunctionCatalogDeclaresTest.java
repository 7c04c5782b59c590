package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Terraform deploys exactly the functions common-core's FunctionCatalog declares, each with the
 * module, handler and consumed queue it declares, sqs:SendMessage and a {@code <NAME>_QUEUE_URL} on
 * exactly the queues it sends to, the Amazon Connect actions it calls and no others, and the
 * application role's secret (the master's only for the migration function).
 */
class TerraformGrantsWhatTheFunctionCatalogDeclaresTest {

    private final TerraformSource terraform = TerraformSource.load();
    private final Map<String, Object> functions = Hcl.map(terraform.locals(LambdaFunctions.ROOT).get("functions"));

    @Test
    void terraformDeploysTheCatalogsFunctions() {
        assertThat(new TreeSet<>(functions.keySet())).as("terraform/main.tf: local.functions")
                .isEqualTo(FunctionCatalog.all().stream().map(FunctionManifest::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void eachFunctionIsTheCatalogsModuleHandlerAndQueue() {
        List<String> problems = new ArrayList<>();
        for (FunctionManifest function : FunctionCatalog.all()) {
            Map<String, Object> entry = Hcl.map(functions.get(function.name()));
            String where = "terraform/main.tf: local.functions[\"" + function.name() + "\"]";
            compare(problems, where + ".module", Hcl.text(entry.get("module")), function.module());
            compare(problems, where + ".handler", Hcl.text(entry.get("handler")), function.handler());
            compare(problems, where + ".jar", Hcl.text(entry.get("jar")), function.module() + "/target/" + function.module() + ".jar");
            compare(problems, where + ".queue", Hcl.text(entry.get("queue")), function.consumes().orElse("null"));
        }
        compare(problems, "terraform/main.tf: local.migrate_handler",
                Hcl.text(terraform.locals(LambdaFunctions.ROOT).get("migrate_handler")), FunctionCatalog.MIGRATE.handler());
        compare(problems, "terraform/main.tf: local.migrate_jar",
                Hcl.text(terraform.locals(LambdaFunctions.ROOT).get("migrate_jar")), FunctionCatalog.MIGRATE.module() + "/target/migrate.jar");
        assertThat(problems).as("functions Terraform describes differently from FunctionCatalog").isEmpty();
    }

    @Test
    void eachFunctionMaySendToExactlyTheQueuesItDeclares() {
        List<String> problems = new ArrayList<>();
        for (FunctionManifest function : FunctionCatalog.all()) {
            Set<String> terraformQueues = strings(Hcl.map(functions.get(function.name())).get("sends_to"));
            if (!terraformQueues.equals(new TreeSet<>(function.sendsTo()))) {
                problems.add("terraform/main.tf: local.functions[\"" + function.name() + "\"].sends_to is " + terraformQueues
                        + ", FunctionCatalog declares " + new TreeSet<>(function.sendsTo()));
            }
        }
        assertThat(problems).as("queue grants that differ from the code's declaration").isEmpty();
        Block call = functionCall();
        assertThat(argument(call, "send_queue_urls")).as("%s: send_queue_urls from sends_to", call.where())
                .contains("each.value.sends_to");
        assertThat(argument(call, "send_queue_arns")).as("%s: send_queue_arns from sends_to", call.where())
                .contains("each.value.sends_to");
    }

    @Test
    void eachFunctionMayCallExactlyTheConnectActionsItDeclaresAndOnlyThoseGetTelephonySettings() {
        List<String> problems = new ArrayList<>();
        for (FunctionManifest function : FunctionCatalog.all()) {
            Set<String> actions = strings(Hcl.map(functions.get(function.name())).get("connect_actions"));
            if (!actions.equals(new TreeSet<>(function.connectActions()))) {
                problems.add("terraform/main.tf: local.functions[\"" + function.name() + "\"].connect_actions is " + actions
                        + ", FunctionCatalog declares " + new TreeSet<>(function.connectActions()));
            }
        }
        assertThat(problems).as("Amazon Connect grants that differ from the code's declaration").isEmpty();
        Block call = functionCall();
        assertThat(argument(call, "environment")).as("%s: telephony settings only where connect_actions", call.where())
                .contains("each.value.connect_actions").contains("local.telephony_environment");
        assertThat(argument(call, "extra_policy_statements")).as("%s: the Connect statement", call.where())
                .contains("each.value.connect_actions");
    }

    @Test
    void eachFunctionGetsExactlyTheSettingsItDeclares() {
        List<String> problems = new ArrayList<>();
        for (FunctionManifest function : FunctionCatalog.all()) {
            Set<String> settings = strings(Hcl.map(functions.get(function.name())).get("settings"));
            if (!settings.equals(new TreeSet<>(function.settings()))) {
                problems.add("terraform/main.tf: local.functions[\"" + function.name() + "\"].settings is " + settings
                        + ", FunctionCatalog declares " + new TreeSet<>(function.settings()));
            }
        }
        assertThat(problems).as("deployment settings that differ from the code's declaration").isEmpty();
        Map<String, Object> values = Hcl.map(terraform.locals(LambdaFunctions.ROOT).get("settings_environment"));
        Set<String> declared = FunctionCatalog.all().stream().flatMap(function -> function.settings().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(values.keySet())).as("terraform/main.tf: local.settings_environment").isEqualTo(declared);
        Block call = functionCall();
        assertThat(argument(call, "environment")).as("%s: settings from each function's declaration", call.where())
                .contains("each.value.settings").contains("local.settings_environment");
    }

    @Test
    void functionsReadTheApplicationSecretAndOnlyTheMigrationReadsTheMasterOne() {
        Block call = functionCall();
        String secrets = argument(call, "secret_arns");
        assertThat(secrets).as("%s: secret_arns", call.where()).contains("module.data.application_secret_arn")
                .doesNotContain("master");
        assertThat(argument(call, "database_user")).as("%s: database_user (IAM auth)", call.where())
                .contains("module.data.application_username");
        Block migrate = terraform.moduleCallsIn(LambdaFunctions.ROOT).stream().filter(block -> block.name().equals("migrate"))
                .findFirst().orElseThrow(() -> new AssertionError("terraform/main.tf: no module \"migrate\""));
        assertThat(argument(migrate, "master_secret_arn")).as("%s: master_secret_arn", migrate.where())
                .contains("module.data.master_secret_arn");
        assertThat(argument(migrate, "application_secret_arn")).as("%s: application_secret_arn", migrate.where())
                .contains("module.data.application_secret_arn");
    }

    private Block functionCall() {
        return terraform.moduleCallsIn(LambdaFunctions.ROOT).stream().filter(block -> block.name().equals("function"))
                .findFirst().orElseThrow(() -> new AssertionError("terraform/main.tf: no module \"function\""));
    }

    /**
     * An argument of a module call as written (hcl4j evaluates conditionals and for expressions to
     * one of their values): its line and the lines that continue it.
     */
    private String argument(Block call, String name) {
        String raw = terraform.rawText(call);
        Matcher start = Pattern.compile("(?m)^\\s*" + name + "\\s*=").matcher(raw);
        if (!start.find()) {
            throw new AssertionError(call.where() + ": no argument " + name);
        }
        Matcher next = Pattern.compile("(?m)^\\s*[a-z_]+\\s*=").matcher(raw);
        int end = next.find(start.end()) ? next.start() : raw.length();
        return raw.substring(start.start(), end);
    }

    private static Set<String> strings(Object list) {
        return Hcl.list(list).stream().map(Hcl::text).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void compare(List<String> problems, String where, String terraform, String catalog) {
        if (!terraform.equals(catalog)) {
            problems.add(where + " is " + terraform + ", FunctionCatalog says " + catalog);
        }
    }
}
