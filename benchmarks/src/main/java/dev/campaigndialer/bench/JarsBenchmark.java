package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.bench.jars.JarReport;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code benchmarks/run.sh jars}: the size of each function's shaded Lambda jar and what it is
 * made of. A smaller jar is a faster cold start (less to download, open and scan) and stays far
 * from Lambda's 50 MB upload limit; the goal is at most {@value #GOAL_BYTES} bytes (10 MB) each.
 * Writes {@code benchmarks/results/jars.json}.
 */
public final class JarsBenchmark {

    static final List<String> FUNCTIONS = List.of("validate-campaign", "dispatcher", "enrich-dial-task",
            "dialer-worker", "status-checker", "report-generator");
    private static final long GOAL_BYTES = 10_000_000;
    private static final int TOP_PACKAGES = 8;
    private static final int TOP_PACKAGES_SHOWN = 4;

    private JarsBenchmark() {
    }

    public static void main(String[] args) {
        Path root = ResultFile.repositoryRoot(args);
        List<JarReport> reports = FUNCTIONS.stream().map(module -> JarReport.measure(root, module, TOP_PACKAGES)).toList();

        System.out.println("jars: each function's shaded Lambda jar (goal: at most 10 MB)");
        System.out.println();
        System.out.print(table(reports));
        Path written = ResultFile.write(root, "jars", json(reports));
        System.out.println();
        System.out.println("wrote " + root.relativize(written));
    }

    private static String table(List<JarReport> reports) {
        var table = new TextTable("function", "MB", "classes", "<= 10 MB", "biggest contributors (MB in the jar)");
        for (JarReport report : reports) {
            if (report.missing().isPresent()) {
                table.row(report.module(), "-", "-", "-", "missing: " + report.missing().get());
                continue;
            }
            String biggest = report.topPackages().stream().limit(TOP_PACKAGES_SHOWN)
                    .map(share -> share.name() + " " + megabytes(share.bytes()))
                    .collect(Collectors.joining(", "));
            table.row(report.module(), megabytes(report.bytes()), report.classes(),
                    report.bytes() <= GOAL_BYTES ? "yes" : "NO", biggest);
        }
        return table.render();
    }

    private static ObjectNode json(List<JarReport> reports) {
        ObjectNode json = ResultFile.mapper().createObjectNode();
        for (JarReport report : reports) {
            ObjectNode node = json.putObject(report.module());
            if (report.missing().isPresent()) {
                node.put("missing", true).put("reason", report.missing().get());
                continue;
            }
            node.put("bytes", report.bytes()).put("classes", report.classes());
            var top = node.putArray("top_packages");
            report.topPackages().forEach(share -> top.addObject()
                    .put("package", share.name()).put("bytes", share.bytes()).put("classes", share.classes()));
        }
        return json;
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f", bytes / 1e6);
    }
}
