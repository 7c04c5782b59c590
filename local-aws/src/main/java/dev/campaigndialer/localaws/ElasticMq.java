package dev.campaigndialer.localaws;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, the local SQS: the real AWS SDK v2 SQS client talks to it over HTTP (JSON protocol)
 * via {@code endpointOverride}. Each instance listens on its own dynamic loopback port.
 */
public final class ElasticMq implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    public static ElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion(REGION)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMq(server, port);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
