package dev.campaigndialer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.function.FunctionManifest;
import dev.campaigndialer.core.queue.QueueTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A static cross-check of each function module's sources against FunctionCatalog, next to the
 * runtime one (QueueUrls refuses an undeclared queue): every queue a module's code names is one its
 * functions send to or consume; a module that completes campaigns (CampaignCompletion sends the
 * report) declares REPORT; a handler builds a telephony provider exactly when its function
 * declares Connect actions, so no Connect grant goes unused and none is missing.
 */
class FunctionCodeSendsAndCallsOnlyWhatTheCatalogDeclaresTest {

    private static final Pattern QUEUE = Pattern.compile("QueueTopology\\.(DISPATCH|ENRICH|DIAL|STATUS|REPORT)\\b");

    private final Path root = TerraformSource.repoRoot();

    @Test
    void everyQueueAModuleNamesIsDeclaredByOneOfItsFunctions() {
        List<String> problems = new ArrayList<>();
        modules().forEach((module, functions) -> {
            Set<String> allowed = new TreeSet<>();
            functions.forEach(function -> {
                allowed.addAll(function.sendsTo());
                function.consumes().ifPresent(allowed::add);
            });
            for (Path source : sources(module)) {
                String text = read(source);
                Matcher matcher = QUEUE.matcher(text);
                while (matcher.find()) {
                    String queue = matcher.group(1).toLowerCase(Locale.ROOT);
                    if (!allowed.contains(queue)) {
                        problems.add(root.relativize(source) + ": names the " + queue + " queue, which none of " + functions
                                + " sends to or consumes (FunctionCatalog)");
                    }
                }
                if (text.contains("new CampaignCompletion(") && !allowed.contains(QueueTopology.REPORT)) {
                    problems.add(root.relativize(source) + ": completes campaigns (CampaignCompletion sends the report), but "
                            + functions + " do not declare the report queue");
                }
            }
        });
        assertThat(problems).as("queues the code uses that FunctionCatalog does not declare").isEmpty();
    }

    @Test
    void aHandlerBuildsATelephonyProviderExactlyWhenItsFunctionDeclaresConnectActions() {
        List<String> problems = new ArrayList<>();
        List<FunctionManifest> all = new ArrayList<>(FunctionCatalog.all());
        all.add(FunctionCatalog.MIGRATE);
        for (FunctionManifest function : all) {
            Path handler = root.resolve(function.module()).resolve("src/main/java")
                    .resolve(function.handlerClass().replace('.', '/') + ".java");
            assertThat(handler).as("the handler source of %s", function.name()).isRegularFile();
            boolean buildsProvider = read(handler).contains("TelephonyProviders.fromEnvironment");
            if (buildsProvider != function.telephony()) {
                problems.add(root.relativize(handler) + (buildsProvider
                        ? ": builds a telephony provider, but " + function.name() + " declares no Connect actions"
                        : ": builds no telephony provider, but " + function.name() + " declares " + function.connectActions()));
            }
        }
        assertThat(problems).as("Connect use that differs from FunctionCatalog").isEmpty();
    }

    /** Maven module to the functions whose handlers it holds. */
    private static Map<String, List<FunctionManifest>> modules() {
        Map<String, List<FunctionManifest>> modules = new LinkedHashMap<>();
        FunctionCatalog.all().forEach(function -> modules.computeIfAbsent(function.module(), module -> new ArrayList<>())
                .add(function));
        return modules;
    }

    private List<Path> sources(String module) {
        Path dir = root.resolve(module).resolve("src/main/java");
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
