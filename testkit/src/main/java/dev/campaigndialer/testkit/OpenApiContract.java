package dev.campaigndialer.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The owner API's OpenAPI 3.1 document ({@code api/openapi.yaml} at the repository root), used by
 * the API tests to hold every response they receive to it: the request's method and path must
 * name a documented operation (or the answer is the 404/405 problem a missing one gets), the
 * status must be one the operation documents, the content type one that response documents, and a
 * JSON body must validate against its schema (JSON Schema 2020-12 with the OpenAPI 3.1 vocabulary,
 * formats asserted, by networknt's json-schema-validator). So the document cannot drift from the
 * code unnoticed. Thread-safe.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile OpenApiContract shared;

    private final Path document;
    private final JsonNode root;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger checked = new AtomicInteger();

    private OpenApiContract(Path document) {
        this.document = document.toAbsolutePath().normalize();
        try {
            this.root = new YAMLMapper().readTree(this.document.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + this.document, e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    }

    /** The repository's document, found from the working directory (a module's, or the root). */
    public static OpenApiContract load() {
        OpenApiContract contract = shared;
        if (contract == null) {
            synchronized (OpenApiContract.class) {
                if (shared == null) {
                    shared = new OpenApiContract(locate());
                }
                contract = shared;
            }
        }
        return contract;
    }

    public static Path locate() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("api").resolve("openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("api/openapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public JsonNode document() {
        return root;
    }

    /** Responses checked so far (tests can show that they checked any). */
    public int checked() {
        return checked.get();
    }

    /**
     * Fails with every way the response breaks the document.
     *
     * @param rawPath the request path as sent (query string excluded)
     */
    public void assertConforms(String method, String rawPath, int status, Map<String, String> headers, String body) {
        List<String> problems = problems(method, rawPath, status, headers, body);
        checked.incrementAndGet();
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + rawPath + " answered " + status + " against " + document + ":\n  - "
                    + String.join("\n  - ", problems) + "\nbody: " + abbreviate(body));
        }
    }

    List<String> problems(String method, String rawPath, int status, Map<String, String> headers, String body) {
        List<String> problems = new ArrayList<>();
        Optional<Map.Entry<String, JsonNode>> path = path(rawPath);
        JsonNode operation = path.map(entry -> entry.getValue().get(method.toLowerCase(Locale.ROOT))).orElse(null);
        if (operation == null) {
            // No such operation: the API's answer must be the problem it documents for that case.
            int expected = path.isPresent() ? 405 : 404;
            if (status != expected && status != 401) {
                problems.add("no operation " + method + " " + rawPath + " in the document, so the answer must be "
                        + expected + ", was " + status);
            }
            validateBody("#/components/schemas/Problem", body, problems);
            return problems;
        }
        JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            response = resolve(operation.path("responses").path("default"));
        }
        if (response.isMissingNode()) {
            problems.add("status " + status + " is not documented for " + method + " " + path.get().getKey());
            return problems;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add("the documented " + status + " response has no body, but one was sent");
            }
            return problems;
        }
        String contentType = header(headers, "Content-Type").map(value -> value.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        JsonNode media = content.path(contentType);
        if (media.isMissingNode()) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            problems.add("Content-Type '" + contentType + "' is not documented for " + status + " (documented: " + documented + ")");
            return problems;
        }
        JsonNode schema = media.path("schema");
        if (contentType.equals("application/json") || contentType.endsWith("+json")) {
            if (!schema.has("$ref")) {
                problems.add("the " + contentType + " schema of " + method + " " + path.get().getKey() + " " + status
                        + " must be a $ref to components/schemas");
                return problems;
            }
            validateBody(schema.get("$ref").asText(), body, problems);
        } else if (body == null || body.isEmpty()) {
            problems.add("an empty " + contentType + " body");
        }
        return problems;
    }

    private void validateBody(String ref, String body, List<String> problems) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            problems.add("the body is not JSON: " + e.getMessage());
            return;
        }
        if (instance == null || instance.isMissingNode()) {
            problems.add("the body is empty, " + ref + " expected");
            return;
        }
        JsonSchema schema = schemas.computeIfAbsent(ref, key -> factory.getSchema(
                SchemaLocation.of(document.toUri() + key), config));
        Set<ValidationMessage> messages = schema.validate(instance);
        messages.forEach(message -> problems.add(ref + ": " + message.getMessage()));
    }

    private Optional<Map.Entry<String, JsonNode>> path(String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (Pattern.matches(regex, path)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Follows a {@code $ref} within the document. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are supported: " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
