package dev.campaigndialer.bench.coldstart;

import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.local.stack.LocalDatabase;
import dev.campaigndialer.local.stack.LocalQueues;
import dev.campaigndialer.local.stack.SimulatedCarrierBehindConnect;
import dev.campaigndialer.localaws.ConnectEndpoint;
import dev.campaigndialer.localaws.ElasticMq;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the functions talk to, started once and kept warm for every measured JVM, as the local
 * stack starts it: PostgreSQL (migrated) behind PgBouncer with TLS (the local RDS Proxy), the
 * Secrets Manager endpoint holding the database secret, ElasticMQ with the queues of
 * {@code QueueTopology}, and the simulated carrier behind a local Amazon Connect endpoint. The
 * benchmark plays Lambda's event source mappings: it takes the messages a function sent off their
 * queue and hands them to the next function.
 */
public final class WarmServices implements AutoCloseable {

    private static final String REGION = "us-east-1";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    // The functions' clock, as in the local stack: today 20:00 UTC, inside the default calling
    // window (09:00-20:00) in New York, where the benchmark's contacts are.
    private final Clock clock = Clocks.startingAt(LocalDate.now(ZoneOffset.UTC).atTime(20, 0).toInstant(ZoneOffset.UTC));
    private final String databaseDescription;
    private final SqsClient sqs;
    private final LocalQueues queues;

    private WarmServices(Path work, Consumer<String> warn) {
        LocalDatabase database = LocalDatabase.start(Optional.empty(), Optional.empty(), work, warn,
                LocalDatabase.pgbouncer());
        started.push(database);
        databaseDescription = database.endpoint().description();
        SecretsManagerEndpoint secrets = SecretsManagerEndpoint.start();
        started.push(secrets);
        ElasticMq elasticMq = ElasticMq.start();
        started.push(elasticMq);
        sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        started.push(sqs);
        queues = LocalQueues.create(sqs, Optional.empty());
        ConnectEndpoint connect = ConnectEndpoint.start(new SimulatedCarrierBehindConnect(new SimulatedCarrier()), clock);
        started.push(connect);

        LocalDatabase.Endpoint db = database.endpoint();
        environment.put("RDS_PROXY_ENDPOINT", db.host());
        environment.put("DATABASE_PORT", Integer.toString(db.port()));
        environment.put("DATABASE_NAME", db.database());
        environment.put("RDS_SECRET_ARN", secrets.putDatabaseSecret("campaign-dialer/coldstart/database", db.user(),
                db.password()));
        environment.put("DB_SSL_ROOT_CERT", db.caCertificate().toAbsolutePath().toString());
        environment.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        environment.put("AWS_REGION", REGION);
        // Lambda gives every function its role's credentials in these variables.
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("SQS_ENDPOINT", elasticMq.endpoint().toString());
        environment.putAll(queues.environment());
        environment.put("TELEPHONY_PROVIDER", "connect");
        environment.put("CONNECT_ENDPOINT", connect.endpoint().toString());
        environment.put("CONNECT_INSTANCE_ID", "local-instance-0000");
        environment.put("CONNECT_CONTACT_FLOW_ID", "local-outbound-flow-0000");
        // The status check's message is sent without delay, so the chain does not wait for it.
        environment.put("STATUS_POLL_DELAY_SECONDS", "0");
    }

    public static WarmServices start(Path work, Consumer<String> warn) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WarmServices(work, warn);
    }

    public String databaseDescription() {
        return databaseDescription;
    }

    /**
     * The environment a new execution environment of {@code function} gets, as in Terraform.
     * {@code CLOCK_START} is the functions' clock now, so every process agrees on the time.
     */
    public Map<String, String> environment(String function) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function);
        env.put("CLOCK_START", clock.instant().toString());
        return env;
    }

    public String queueArn(String queue) {
        return queues.queue(queue).arn();
    }

    /**
     * Takes exactly {@code count} messages off a queue (received and deleted, as the event source
     * mapping deletes a successful batch), waiting up to {@code timeoutSeconds} for them.
     *
     * @throws IllegalStateException when fewer arrive: the function before did not do its work
     */
    public List<Message> take(String queue, int count, int timeoutSeconds) {
        String url = queues.queue(queue).url();
        List<Message> taken = new java.util.ArrayList<>();
        Instant giveUp = Instant.now().plusSeconds(timeoutSeconds);
        while (taken.size() < count && Instant.now().isBefore(giveUp)) {
            int wanted = Math.min(10, count - taken.size());
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(wanted)
                    .waitTimeSeconds(1).attributeNamesWithStrings("All").messageAttributeNames("All")).messages();
            for (Message message : received) {
                sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
            taken.addAll(received);
        }
        if (taken.size() < count) {
            throw new IllegalStateException("expected " + count + " messages on " + queue + " within " + timeoutSeconds
                    + " s, got " + taken.size());
        }
        return taken;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("coldstart: a local service did not stop cleanly: " + e);
            }
        }
    }
}
