package dev.campaigndialer.validate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.localaws.ElasticMq;
import dev.campaigndialer.testkit.LambdaEvents;
import dev.campaigndialer.testkit.OpenApiContract;
import dev.campaigndialer.testkit.ProxiedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import java.time.Duration;
import dev.campaigndialer.localaws.LocalLambdaContext;

/**
 * Drives {@link ValidateCampaignHandler} the way API Gateway does: AWS-shaped HTTP API events,
 * through the Lambda runtime's serializer, with a real database behind the local proxy and a real
 * queue in ElasticMQ for each queue validate-campaign may send to (FunctionCatalog), and no other.
 * Every response is checked against api/openapi.yaml ({@link OpenApiContract}): a response the
 * document does not describe fails the test.
 */
final class OwnerApiClient implements AutoCloseable {

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final ProxiedDatabase proxied;
    final ElasticMq elasticMq;
    final SqsClient sqs;
    final QueueUrls queueUrls;
    final String dispatchQueueUrl;
    final Database database;
    final ValidateCampaignHandler handler;

    OwnerApiClient(String name) {
        this(name, null);
    }

    OwnerApiClient(String name, SqsPublisher publisherOverride) {
        proxied = ProxiedDatabase.create(name);
        elasticMq = ElasticMq.start();
        sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Map<String, String> urls = new java.util.TreeMap<>();
        for (String queue : FunctionCatalog.VALIDATE_CAMPAIGN.sendsTo()) {
            urls.put(queue, sqs.createQueue(request -> request.queueName(queue)).queueUrl());
        }
        queueUrls = QueueUrls.forFunction(FunctionCatalog.VALIDATE_CAMPAIGN, urls);
        dispatchQueueUrl = queueUrls.url(QueueTopology.DISPATCH);
        database = Database.fromEnvironment(Env.of(proxied.env()));
        handler = new ValidateCampaignHandler(database,
                publisherOverride != null ? publisherOverride : new SqsPublisher(sqs), queueUrls, Clock.systemUTC());
    }

    Response send(String method, String path, String owner, String contentType, String body, Map<String, String> extra) {
        return send(method, path, owner, contentType, body, false, extra);
    }

    /** A body of raw bytes, as API Gateway passes one it does not take for text: base64-encoded. */
    Response sendBytes(String method, String path, String owner, String contentType, byte[] body,
            Map<String, String> extra) {
        return send(method, path, owner, contentType, java.util.Base64.getEncoder().encodeToString(body), true, extra);
    }

    /** {@code base64} marks the body as base64-encoded, whatever it holds. */
    Response send(String method, String path, String owner, String contentType, String body, boolean base64,
            Map<String, String> extra) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", path).put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        extra.forEach(headers::put);
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "test").putObject("http").put("method", method).put("path", path);
        if (owner != null) {
            context.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", owner);
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        APIGatewayV2HTTPEvent parsed = LambdaEvents.fromJson(event.toString(), APIGatewayV2HTTPEvent.class);
        return handle(parsed);
    }

    Response handle(APIGatewayV2HTTPEvent event) {
        Response response = toResponse(handler.handleRequest(event, LocalLambdaContext.of(ValidateCampaignHandler.FUNCTION, Duration.ofSeconds(29))));
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String method = http == null ? "GET" : http.getMethod();
        String path = event.getRawPath() != null ? event.getRawPath() : http == null ? "/" : http.getPath();
        OpenApiContract.load().assertConforms(method, path, response.status(), response.headers(), response.body());
        return response;
    }

    Response post(String path, String owner, String body) {
        return send("POST", path, owner, "application/json", body, Map.of());
    }

    Response get(String path, String owner) {
        return send("GET", path, owner, null, null, Map.of());
    }

    /** Rows in every table of the schema (Flyway's history aside), by table name. */
    Map<String, Integer> rowCounts() {
        try (Connection connection = proxied.direct().getConnection()) {
            var tables = new java.util.ArrayList<String>();
            try (var result = connection.createStatement().executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' "
                    + "AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            var counts = new java.util.LinkedHashMap<String, Integer>();
            try (var result = connection.createStatement().executeQuery("SELECT " + String.join(", ", tables.stream()
                    .map(table -> "(SELECT count(*) FROM " + table + ")").toList()))) {
                result.next();
                for (int i = 0; i < tables.size(); i++) {
                    counts.put(tables.get(i), result.getInt(i + 1));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int count(String table) {
        try (Connection connection = proxied.direct().getConnection();
                var result = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    java.util.List<String> drainDispatchQueue() {
        var bodies = new java.util.ArrayList<String>();
        while (true) {
            var messages = sqs.receiveMessage(request -> request.queueUrl(dispatchQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            messages.forEach(message -> {
                bodies.add(message.body());
                sqs.deleteMessage(request -> request.queueUrl(dispatchQueueUrl).receiptHandle(message.receiptHandle()));
            });
        }
    }

    private static Response toResponse(APIGatewayV2HTTPResponse response) {
        return new Response(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    @Override
    public void close() {
        database.close();
        sqs.close();
        elasticMq.close();
    }
}
