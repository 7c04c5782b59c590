package dev.campaigndialer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code benchmarks/results/NAME.json}, the file the README's figures come from. Written to a
 * {@code .tmp} sibling first and moved into place, so an interrupted run never leaves half a file
 * where the last good figures were.
 */
public final class ResultFile {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFile() {
    }

    /** The repository root: the first argument when given (run.sh passes it), else the working directory. */
    public static Path repositoryRoot(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("benchmarks/pom.xml"))) {
            throw new IllegalArgumentException(root + " is not the repository root (no benchmarks/pom.xml there); "
                    + "run benchmarks/run.sh NAME or pass the root as the first argument");
        }
        return root;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Path write(Path repositoryRoot, String name, JsonNode result) {
        Path directory = repositoryRoot.resolve("benchmarks/results");
        Path target = directory.resolve(name + ".json");
        Path temporary = directory.resolve(name + ".json.tmp");
        try {
            Files.createDirectories(directory);
            Files.writeString(temporary, MAPPER.writeValueAsString(result) + "\n");
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
