package dev.campaigndialer.local.stack;

import dev.campaigndialer.local.lambda.FunctionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Some functions' Lambda jars are not built: the message names each and the command that builds them. */
public final class MissingFunctionsException extends RuntimeException {

    private final List<FunctionSpec> missing;

    public MissingFunctionsException(Path repoRoot, List<FunctionSpec> missing) {
        super(message(repoRoot, missing));
        this.missing = List.copyOf(missing);
    }

    public List<FunctionSpec> missing() {
        return missing;
    }

    private static String message(Path repoRoot, List<FunctionSpec> missing) {
        String list = missing.stream()
                .map(function -> "  - " + function.name() + " (" + function.handlerClass() + "): "
                        + repoRoot.relativize(repoRoot.resolve(function.module()).resolve("target")
                                .resolve(function.jarName())) + " does not exist")
                .collect(Collectors.joining("\n"));
        return "these functions' Lambda jars are missing:\n" + list + "\nBuild them first, from " + repoRoot.toAbsolutePath()
                .normalize() + ":\n  ./mvnw -B -q install -DskipTests";
    }
}
