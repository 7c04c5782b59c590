package dev.campaigndialer.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Secrets Manager speaking the AWS JSON 1.1 protocol ({@code GetSecretValue},
 * {@code PutSecretValue}) so the real SDK v2 client reaches it through {@code endpointOverride}.
 * There is no local Secrets Manager to run, so this is the one deliberate fake; it counts reads so
 * tests can prove the credentials are cached. Thread-safe.
 */
public final class SecretsManagerEndpoint implements AutoCloseable {

    private record Secret(String arn, String name, String value, String versionId) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor;

    private SecretsManagerEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    private static SecretsManagerEndpoint shared;

    /** The JVM-wide endpoint, started on first use. */
    public static synchronized SecretsManagerEndpoint shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public static SecretsManagerEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            // Hundreds of containers fetch their secret at once in the multiplexing tests.
            ExecutorService executor = DaemonThreads.fixedPool("secrets-manager-endpoint", 8);
            var endpoint = new SecretsManagerEndpoint(server, executor);
            server.createContext("/", endpoint::handle);
            server.setExecutor(executor);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Secrets Manager endpoint", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stores a secret and returns its ARN, the value functions get as {@code RDS_SECRET_ARN}. */
    public String putSecret(String name, String value) {
        String arn = "arn:aws:secretsmanager:" + ElasticMq.REGION + ":000000000000:secret:" + name + "-AbCdEf";
        Secret secret = new Secret(arn, name, value, UUID.randomUUID().toString());
        secrets.put(arn, secret);
        secrets.put(name, secret);
        return arn;
    }

    /** Stores {@code {"username", "password"}} the way RDS writes a database secret. */
    public String putDatabaseSecret(String name, String username, String password) {
        ObjectNode json = mapper.createObjectNode().put("username", username).put("password", password)
                .put("engine", "postgres");
        return putSecret(name, json.toString());
    }

    public int reads() {
        return reads.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = mapper.readTree(exchange.getRequestBody().readAllBytes());
            String secretId = request.path("SecretId").asText();
            if ("secretsmanager.GetSecretValue".equals(target)) {
                reads.incrementAndGet();
                Secret secret = secrets.get(secretId);
                if (secret == null) {
                    respond(exchange, 400, error("ResourceNotFoundException",
                            "Secrets Manager can't find the specified secret."));
                    return;
                }
                respond(exchange, 200, describe(secret).put("SecretString", secret.value())
                        .put("CreatedDate", System.currentTimeMillis() / 1000.0));
            } else if ("secretsmanager.PutSecretValue".equals(target)) {
                Secret existing = secrets.get(secretId);
                if (existing == null) {
                    respond(exchange, 400, error("ResourceNotFoundException",
                            "Secrets Manager can't find the specified secret."));
                    return;
                }
                Secret updated = new Secret(existing.arn(), existing.name(), request.path("SecretString").asText(),
                        UUID.randomUUID().toString());
                secrets.put(existing.arn(), updated);
                secrets.put(existing.name(), updated);
                respond(exchange, 200, describe(updated));
            } else {
                respond(exchange, 400, error("InvalidAction", "unsupported operation " + target));
            }
        }
    }

    private ObjectNode describe(Secret secret) {
        ObjectNode node = mapper.createObjectNode().put("ARN", secret.arn()).put("Name", secret.name())
                .put("VersionId", secret.versionId());
        node.putArray("VersionStages").add("AWSCURRENT");
        return node;
    }

    private ObjectNode error(String type, String message) {
        return mapper.createObjectNode().put("__type", type).put("message", message);
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
