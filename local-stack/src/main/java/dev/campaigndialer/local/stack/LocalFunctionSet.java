package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.local.lambda.FunctionException;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.local.lambda.FunctionSpec;
import dev.campaigndialer.local.lambda.LocalFunctions;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Every function of {@code LocalFunctions} from its own Lambda jar (a copy, see
 * {@link WorkDirectory#snapshot}) in an isolated class loader, and the watchdog that times their
 * invocations out. A function whose jar is missing or does not load is unavailable, with the reason
 * (or, with {@code requireAllFunctions}, the start fails).
 */
final class LocalFunctionSet implements AutoCloseable {

    /** Concurrent invocations of each API function (API Gateway → Lambda). */
    private static final int API_CONCURRENCY = 16;

    private final ScheduledExecutorService watchdog;
    private final Map<String, FunctionRuntime> functions;
    private final Map<String, String> unavailable;

    private LocalFunctionSet(ScheduledExecutorService watchdog, Map<String, FunctionRuntime> functions,
            Map<String, String> unavailable) {
        this.watchdog = watchdog;
        this.functions = functions;
        this.unavailable = unavailable;
    }

    /** @param environment what each new container adds to the shared environment (asked when it starts) */
    static LocalFunctionSet load(StackSettings settings, WorkDirectory work, PrintStream log,
            FunctionRuntime.ContainerEnvironment environment, Consumer<String> warn) {
        var functions = new LocalFunctionSet(Executors.newSingleThreadScheduledExecutor(
                DaemonThreadFactory.named("lambda-timeouts")), new TreeMap<>(), new TreeMap<>());
        try {
            functions.loadAll(settings, work, log, environment, warn);
            return functions;
        } catch (RuntimeException | Error e) {
            functions.close();
            throw e;
        }
    }

    private void loadAll(StackSettings settings, WorkDirectory work, PrintStream log,
            FunctionRuntime.ContainerEnvironment environment, Consumer<String> warn) {
        Map<String, Path> snapshots = new LinkedHashMap<>();
        for (FunctionSpec function : LocalFunctions.all()) {
            Path built = LocalFunctions.jar(settings.repoRoot(), function);
            if (!Files.isRegularFile(built)) {
                unavailable.put(function.name(), built + " does not exist (build it: ./mvnw -B -q install -DskipTests)");
                warn.accept(function.name() + " is not available: " + unavailable.get(function.name()));
                continue;
            }
            Path jar = snapshots.computeIfAbsent(function.module(), module -> work.snapshot(built));
            int concurrency = function.queue().map(queue -> settings.containers(QueueTopology.of(queue)))
                    .orElse(function.name().equals(LocalFunctions.MINUTE_SWEEP) ? 1 : API_CONCURRENCY);
            try {
                functions.put(function.name(), FunctionRuntime.load(function, List.of(url(jar)), concurrency, log,
                        watchdog, environment));
            } catch (FunctionException e) {
                if (settings.requireAllFunctions()) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                unavailable.put(function.name(), e.getMessage());
                warn.accept(e.getMessage());
            }
        }
    }

    Optional<FunctionRuntime> get(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** Why a function is not here. */
    String unavailableReason(String name) {
        return unavailable.getOrDefault(name, "not loaded");
    }

    Map<String, FunctionRuntime> all() {
        return Map.copyOf(functions);
    }

    String describe() {
        return functions.size() + " of " + LocalFunctions.all().size()
                + " Lambda functions, each from its own jar in an isolated class loader";
    }

    @Override
    public void close() {
        List<FunctionRuntime> loaded = new ArrayList<>(functions.values());
        for (int i = loaded.size() - 1; i >= 0; i--) {
            loaded.get(i).close();
        }
        watchdog.shutdownNow();
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
