package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layout issues 7 and 15 ask for: a root module and eight modules, each with main.tf,
 * variables.tf, outputs.tf, versions.tf and a README; the lock file, check.sh and a runnable
 * example; every variable typed and described; only hashicorp/aws required, capped below 6.0 at the
 * root alone; no provider configured inside the modules (the examples configure it).
 */
class TerraformFollowsTheModuleLayoutTest {

    private static final List<String> MODULES =
            List.of("network", "data", "queues", "function", "api", "schedule", "migrate", "alarms");

    private final TerraformSource terraform = TerraformSource.load();

    @Test
    void rootAndEveryModuleHaveTheFourFiles() {
        Path root = terraform.root().resolve("terraform");
        List<String> missing = new ArrayList<>();
        for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md", "check.sh",
                ".terraform.lock.hcl", "examples/dev/main.tf", "examples/dev/terraform.tfvars.example")) {
            if (!Files.isRegularFile(root.resolve(file))) {
                missing.add("terraform/" + file);
            }
        }
        for (String module : MODULES) {
            for (String file : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")) {
                if (!Files.isRegularFile(root.resolve("modules").resolve(module).resolve(file))) {
                    missing.add("terraform/modules/" + module + "/" + file);
                }
            }
        }
        assertThat(missing).as("files the layout needs").isEmpty();
    }

    @Test
    void everyVariableHasADescriptionAndAType() {
        List<String> problems = new ArrayList<>();
        for (Block variable : terraform.variables()) {
            if (Hcl.string(variable.get("description")).map(String::isBlank).orElse(true)) {
                problems.add(variable.where() + ": needs a description");
            }
            if (!variable.has("type")) {
                problems.add(variable.where() + ": needs a type");
            }
        }
        assertThat(problems).as("undocumented variables").isEmpty();
    }

    @Test
    void everyOutputHasADescription() {
        List<String> problems = new ArrayList<>();
        for (TerraformSource.TerraformFile file : terraform.files()) {
            Hcl.map(file.body().get("output")).forEach((name, body) -> {
                if (Hcl.blocks(body).stream().anyMatch(block -> Hcl.string(block.get("description")).isEmpty())) {
                    problems.add(file + ": output \"" + name + "\" needs a description");
                }
            });
        }
        assertThat(problems).as("undocumented outputs").isEmpty();
    }

    @Test
    void onlyTheRootCapsTheAwsProviderAndEveryModuleStatesItsFloor() {
        List<String> problems = new ArrayList<>();
        for (TerraformSource.TerraformFile file : terraform.files()) {
            if (!file.path().endsWith("/versions.tf")) {
                continue;
            }
            Map<String, Object> settings = Hcl.blocks(file.body().get("terraform")).stream().findFirst().orElse(Map.of());
            Map<String, Object> aws = Hcl.map(Hcl.map(settings.get("required_providers")).get("aws"));
            String version = Hcl.text(aws.get("version"));
            boolean root = file.path().equals("terraform/versions.tf");
            if (!"hashicorp/aws".equals(aws.get("source")) || !version.contains(">= 5.")) {
                problems.add(file + ": required_providers.aws should be hashicorp/aws \">= 5.x\", is " + aws);
            }
            if (root && !version.contains("< 6")) {
                problems.add(file + ": the root module caps the provider (\"< 6.0.0\"), is " + version);
            }
            if (!root && version.contains("<")) {
                problems.add(file + ": a module states its floor only; the cap belongs to the root (terraform/versions.tf), is " + version);
            }
            if (!Hcl.text(settings.get("required_version")).startsWith(">= 1.")) {
                problems.add(file + ": required_version should be \">= 1.9.0\" or newer, is " + settings.get("required_version"));
            }
        }
        assertThat(problems).as("provider pins").isEmpty();
    }

    @Test
    void onlyTheAwsProviderIsRequired() {
        List<String> problems = new ArrayList<>();
        for (TerraformSource.TerraformFile file : terraform.files()) {
            Map<String, Object> settings = Hcl.blocks(file.body().get("terraform")).stream().findFirst().orElse(Map.of());
            Hcl.map(settings.get("required_providers")).keySet().stream().filter(name -> !name.equals("aws"))
                    .forEach(name -> problems.add(file + ": requires provider " + name + "; the offline mirror holds hashicorp/aws only"));
        }
        assertThat(problems).as("providers besides hashicorp/aws").isEmpty();
        assertThat(terraform.resources("random_password")).as("random_password (RDS manages the master password)").isEmpty();
    }

    @Test
    void theRootModuleConfiguresNoProviderSoExamplesAndTestsCanCallIt() {
        List<String> problems = new ArrayList<>();
        for (TerraformSource.TerraformFile file : terraform.files()) {
            if (file.body().containsKey("provider")) {
                problems.add(file + ": a provider block; the caller (an example) configures the provider");
            }
        }
        assertThat(problems).as("provider configurations inside the modules").isEmpty();
    }
}
