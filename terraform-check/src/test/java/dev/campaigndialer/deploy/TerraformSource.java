package dev.campaigndialer.deploy;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every {@code .tf} file under the repository's {@code terraform/} folder but the examples, parsed
 * once with hcl4j, with small helpers to find resources, module calls, locals, variables and outputs.
 *
 * <p>What hcl4j 0.9.4 gives back, and what the helpers here smooth over:
 * <ul>
 *   <li>blocks become nested {@code Map}s ({@code resource -> type -> name -> body}); a block type
 *       that appears twice in one body (two {@code statement}s, two {@code precondition}s, two
 *       {@code locals} blocks) becomes a {@code List} of maps, once it is a single map;</li>
 *   <li>numbers are {@code Double}s; references ({@code var.x}, {@code module.m.o}) are
 *       {@code VariableTree} objects whose {@code toString()} is the reference text; string
 *       templates come back with the references' text spliced in ({@code "var.project-each.key"});</li>
 *   <li>hcl4j evaluates what it can: a {@code local.x} defined in the same file is replaced by its
 *       value, and {@code module.m.attr} by the module block's own argument; function calls such as
 *       {@code merge(...)} and {@code jsonencode(...)} mostly come back as {@code null} or as a JSON
 *       string. The checks therefore read literal structure, not evaluated results.</li>
 * </ul>
 * Not thread-safe while loading (it silences hcl4j's debug prints on {@code System.out}); the
 * loaded instance is immutable.
 */
final class TerraformSource {

    private static TerraformSource loaded;

    private final Path repoRoot;
    private final List<TerraformFile> files;

    private TerraformSource(Path repoRoot, List<TerraformFile> files) {
        this.repoRoot = repoRoot;
        this.files = List.copyOf(files);
    }

    /** The repository root: the {@code campaigndialer.repoRoot} property (set by the pom), else {@code ..}. */
    static Path repoRoot() {
        String configured = System.getProperty("campaigndialer.repoRoot");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        if (!Files.isDirectory(root.resolve("terraform")) && Files.isDirectory(Path.of("terraform"))) {
            root = Path.of(".");
        }
        return root.toAbsolutePath().normalize();
    }

    static synchronized TerraformSource load() {
        if (loaded == null) {
            loaded = parse(repoRoot());
        }
        return loaded;
    }

    private static TerraformSource parse(Path repoRoot) {
        Path terraformDir = repoRoot.resolve("terraform");
        if (!Files.isDirectory(terraformDir)) {
            throw new IllegalStateException("No terraform/ folder under " + repoRoot);
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(terraformDir)) {
            // The examples call the root module (source = "../.."): they are callers of the
            // deployment, planned by the native tests (tests/examples.tftest.hcl), not part of it.
            paths = walk.filter(path -> path.getFileName().toString().endsWith(".tf"))
                    .filter(path -> !repoRoot.relativize(path).toString().contains(".terraform"))
                    .filter(path -> !path.startsWith(terraformDir.resolve("examples")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TerraformFile> parsed = new ArrayList<>();
        for (Path path : paths) {
            parsed.add(new TerraformFile(repoRoot.relativize(path).toString().replace('\\', '/'), parseQuietly(path)));
        }
        return new TerraformSource(repoRoot, parsed);
    }

    /** hcl4j prints debug lines ("Conditional Matched:...") to System.out; keep test output readable. */
    private static Map<String, Object> parseQuietly(Path path) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return new HCLParser().parse(path.toFile(), "UTF-8");
        } catch (Exception | StackOverflowError e) {
            throw new IllegalStateException("hcl4j could not parse " + path + ": " + e
                    + ". hcl4j reads a subset of HCL: see 'Writing HCL that terraform-check can read' in terraform/README.md", e);
        } finally {
            System.setOut(out);
        }
    }

    Path root() {
        return repoRoot;
    }

    List<TerraformFile> files() {
        return files;
    }

    List<TerraformFile> filesIn(String dir) {
        return files.stream().filter(file -> file.dir().equals(dir)).toList();
    }

    /** Every {@code resource "type" "name"} in every file. */
    List<Block> resources(String type) {
        return blocksOfKind("resource").stream().filter(block -> block.type().equals(type)).toList();
    }

    /** Every {@code data "type" "name"} in every file. */
    List<Block> dataSources(String type) {
        return blocksOfKind("data").stream().filter(block -> block.type().equals(type)).toList();
    }

    /** Every {@code module "name"} call in every file. */
    List<Block> moduleCalls() {
        List<Block> calls = new ArrayList<>();
        for (TerraformFile file : files) {
            Hcl.map(file.body().get("module")).forEach((name, body) -> Hcl.blocks(body)
                    .forEach(block -> calls.add(new Block(file, "module", "", name, block))));
        }
        return calls;
    }

    List<Block> moduleCallsIn(String dir) {
        return moduleCalls().stream().filter(call -> call.file().dir().equals(dir)).toList();
    }

    List<Block> variables() {
        return labelled("variable");
    }

    Optional<Block> variable(String dir, String name) {
        return labelled("variable").stream()
                .filter(block -> block.file().dir().equals(dir) && block.name().equals(name))
                .findFirst();
    }

    Optional<Block> output(String dir, String name) {
        return labelled("output").stream()
                .filter(block -> block.file().dir().equals(dir) && block.name().equals(name))
                .findFirst();
    }

    /** All {@code locals} of one folder (one Terraform module), merged. */
    Map<String, Object> locals(String dir) {
        Map<String, Object> locals = new LinkedHashMap<>();
        for (TerraformFile file : filesIn(dir)) {
            Hcl.blocks(file.body().get("locals")).forEach(locals::putAll);
        }
        return locals;
    }

    /** A value that may be a {@code local.x} reference hcl4j left unresolved: resolve it within the folder. */
    Object resolveLocal(String dir, Object value) {
        String text = Hcl.text(value);
        if (!(value instanceof Map) && !(value instanceof List) && text.startsWith("local.")) {
            return locals(dir).get(text.substring("local.".length()));
        }
        return value;
    }

    /**
     * The block's source text as written, from its header to its closing brace: for expressions
     * hcl4j evaluates too eagerly (it picks one branch of a conditional, drops function calls), so a
     * check can still see which references an argument is built from.
     */
    String rawText(Block block) {
        String text;
        try {
            text = Files.readString(repoRoot.resolve(block.file().path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String header = switch (block.kind()) {
            case "resource", "data" -> block.kind() + "\\s+\"" + Pattern.quote(block.type()) + "\"\\s+\""
                    + Pattern.quote(block.name()) + "\"\\s*\\{";
            default -> block.kind() + "\\s+\"" + Pattern.quote(block.name()) + "\"\\s*\\{";
        };
        Matcher matcher = Pattern.compile(header).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("cannot find " + block.where() + " in its file");
        }
        int depth = 0;
        for (int i = matcher.end() - 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(matcher.start(), i + 1);
            }
        }
        throw new IllegalStateException(block.where() + " has no closing brace");
    }

    /** The folder a module call's {@code source} points at, relative to the repository root. */
    Optional<String> moduleDir(Block call) {
        String source = Hcl.text(call.body().get("source"));
        if (!source.startsWith("./") && !source.startsWith("../")) {
            return Optional.empty();
        }
        Path dir = Path.of(call.file().dir()).resolve(source).normalize();
        return Optional.of(dir.toString().replace('\\', '/'));
    }

    /** Whether a module folder deploys a Lambda function, itself or through a module it calls. */
    boolean deploysLambda(String dir) {
        if (resources("aws_lambda_function").stream().anyMatch(block -> block.file().dir().equals(dir))) {
            return true;
        }
        return moduleCallsIn(dir).stream()
                .map(this::moduleDir)
                .flatMap(Optional::stream)
                .filter(child -> !child.equals(dir))
                .anyMatch(this::deploysLambda);
    }

    private List<Block> blocksOfKind(String kind) {
        List<Block> blocks = new ArrayList<>();
        for (TerraformFile file : files) {
            Hcl.map(file.body().get(kind)).forEach((type, named) -> Hcl.map(named).forEach((name, body) ->
                    Hcl.blocks(body).forEach(block -> blocks.add(new Block(file, kind, type, name, block)))));
        }
        return blocks;
    }

    private List<Block> labelled(String kind) {
        List<Block> blocks = new ArrayList<>();
        for (TerraformFile file : files) {
            Hcl.map(file.body().get(kind)).forEach((name, body) ->
                    Hcl.blocks(body).forEach(block -> blocks.add(new Block(file, kind, "", name, block))));
        }
        return blocks;
    }

    /** One parsed file; {@code path} is relative to the repository root ({@code terraform/main.tf}). */
    record TerraformFile(String path, Map<String, Object> body) {

        String dir() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** A labelled block: a resource, data source, module call, variable or output. */
    record Block(TerraformFile file, String kind, String type, String name, Map<String, Object> body) {

        Object get(String attribute) {
            return body.get(attribute);
        }

        boolean has(String attribute) {
            return body.containsKey(attribute);
        }

        /** The first nested block of that type, or an empty map. */
        Map<String, Object> nested(String blockType) {
            List<Map<String, Object>> blocks = Hcl.blocks(body.get(blockType));
            return blocks.isEmpty() ? Map.of() : blocks.get(0);
        }

        /** Where the block is, for messages: {@code terraform/modules/queues/main.tf: resource "aws_sqs_queue" "this"}. */
        String where() {
            return switch (kind) {
                case "resource", "data" -> file + ": " + kind + " \"" + type + "\" \"" + name + "\"";
                default -> file + ": " + kind + " \"" + name + "\"";
            };
        }
    }
}
