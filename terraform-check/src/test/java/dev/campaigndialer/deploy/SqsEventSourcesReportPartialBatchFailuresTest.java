package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.deploy.TerraformSource.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every SQS event source mapping lets a handler fail single messages (ReportBatchItemFailures),
 * bounds its concurrency, and invokes an alias, so SnapStart's published version is what runs.
 */
class SqsEventSourcesReportPartialBatchFailuresTest {

    private final List<Block> mappings = TerraformSource.load().resources("aws_lambda_event_source_mapping");

    @Test
    void everyEventSourceMappingReportsBatchItemFailures() {
        assertThat(mappings).as("aws_lambda_event_source_mapping resources under terraform/").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Block mapping : mappings) {
            if (!Hcl.list(mapping.get("function_response_types")).contains("ReportBatchItemFailures")) {
                problems.add(mapping.where() + ": function_response_types must be [\"ReportBatchItemFailures\"], is "
                        + Hcl.text(mapping.get("function_response_types")));
            }
        }
        assertThat(problems).as("event source mappings where one bad message fails its whole batch").isEmpty();
    }

    @Test
    void everyEventSourceMappingSetsBatchSizeAndMaximumConcurrency() {
        List<String> problems = new ArrayList<>();
        for (Block mapping : mappings) {
            Map<String, Object> scaling = mapping.nested("scaling_config");
            if (!scaling.containsKey("maximum_concurrency")) {
                problems.add(mapping.where() + ": needs scaling_config { maximum_concurrency = ... }");
            }
            if (!mapping.has("batch_size")) {
                problems.add(mapping.where() + ": needs batch_size");
            }
        }
        assertThat(problems).as("event source mappings without their limits").isEmpty();
    }

    @Test
    void everyEventSourceMappingInvokesAnAlias() {
        List<String> problems = new ArrayList<>();
        for (Block mapping : mappings) {
            if (!Hcl.text(mapping.get("function_name")).startsWith("aws_lambda_alias.")) {
                problems.add(mapping.where() + ": function_name should be an aws_lambda_alias ARN (SnapStart applies to "
                        + "published versions only), is " + Hcl.text(mapping.get("function_name")));
            }
        }
        assertThat(problems).as("event source mappings that bypass the alias").isEmpty();
    }

    @Test
    void everyLambdaFunctionPublishesVersionsWithSnapStartAvailable() {
        List<String> problems = new ArrayList<>();
        for (Block function : TerraformSource.load().resources("aws_lambda_function")) {
            if (!"java21".equals(function.get("runtime"))) {
                problems.add(function.where() + ": runtime must be java21, is " + Hcl.text(function.get("runtime")));
            }
            if (!Boolean.TRUE.equals(function.get("publish"))) {
                problems.add(function.where() + ": publish must be true (SnapStart and the alias need published versions)");
            }
            Map<String, Object> snapStart = function.nested("snap_start");
            if (snapStart.isEmpty()) {
                // dynamic "snap_start" { for_each = ...; content { apply_on = ... } }
                List<Map<String, Object>> dynamic = Hcl.blocks(Hcl.map(function.get("dynamic")).get("snap_start"));
                snapStart = dynamic.isEmpty() ? Map.of() : Hcl.map(dynamic.get(0).get("content"));
            }
            if (!"PublishedVersions".equals(snapStart.get("apply_on"))) {
                problems.add(function.where() + ": needs snap_start { apply_on = \"PublishedVersions\" } (directly or as a dynamic block)");
            }
            if (!function.has("source_code_hash")) {
                problems.add(function.where() + ": needs source_code_hash so a rebuilt jar is deployed");
            }
        }
        assertThat(problems).as("Lambda functions").isEmpty();
    }
}
