package dev.campaigndialer.localaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A loopback HTTP proxy in front of an AWS-protocol endpoint (here: ElasticMQ as SQS) that counts
 * the requests going through it by API action: the {@code X-Amz-Target} header of the JSON
 * protocol ({@code AmazonSQS.SendMessageBatch}), or the {@code Action} parameter of the query
 * protocol. It is how the pipeline benchmark counts SQS requests per contact, which is what SQS
 * bills. Requests and responses pass unchanged (signatures are not checked behind it). Thread-safe.
 */
public final class CountingHttpProxy implements AutoCloseable {

    /** Headers the JDK client sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private CountingHttpProxy(URI target, HttpServer server, ExecutorService executor) {
        this.target = target;
        this.server = server;
        this.executor = executor;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static CountingHttpProxy start(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "counting-proxy");
                thread.setDaemon(true);
                return thread;
            });
            var proxy = new CountingHttpProxy(target, server, executor);
            server.createContext("/", proxy::forward);
            server.setExecutor(executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the counting proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests so far by action, sorted by name. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((action, count) -> copy.put(action, count.sum()));
        return copy;
    }

    /** Forgets the counts so far (e.g. the set-up's queue creation). */
    public void reset() {
        counts.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            counts.computeIfAbsent(action(exchange, body), name -> new LongAdder()).increment();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] responseBody = response.body();
            exchange.sendResponseHeaders(response.statusCode(), responseBody.length == 0 ? -1 : responseBody.length);
            if (responseBody.length > 0) {
                exchange.getResponseBody().write(responseBody);
            }
        }
    }

    private static String action(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return "other";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
