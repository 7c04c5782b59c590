package dev.campaigndialer.bench.intake;

import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.db.migrate.ApplicationRole;
import dev.campaigndialer.db.migrate.Migrations;
import dev.campaigndialer.report.ReportApiHandler;
import dev.campaigndialer.localaws.ElasticMq;
import dev.campaigndialer.localaws.PgBouncer;
import dev.campaigndialer.localaws.PostgresServer;
import dev.campaigndialer.localaws.SecretsManagerEndpoint;
import dev.campaigndialer.localaws.TestDatabase;
import dev.campaigndialer.validate.ValidateCampaignHandler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the owner API's two functions run against, started on this machine: an embedded
 * PostgreSQL with a freshly migrated database, PgBouncer in front of it as RDS Proxy (transaction
 * pooling, TLS verify-full against its own CA), the database secret in the Secrets Manager
 * endpoint, and ElasticMQ with the dispatch queue. The handlers are built with their public
 * no-argument constructors, the ones Lambda calls, from the environment Terraform gives them
 * (as {@code campaigndialer.env.*} system properties, the way the local stack passes it).
 */
public final class IntakeStack implements AutoCloseable {

    private final PostgresServer postgres;
    private final PgBouncer proxy;
    private final SecretsManagerEndpoint secrets;
    private final ElasticMq elasticMq;
    private final TestDatabase database;
    private final String dispatchQueueUrl;

    private IntakeStack(PostgresServer postgres, PgBouncer proxy, SecretsManagerEndpoint secrets, ElasticMq elasticMq,
            TestDatabase database, String dispatchQueueUrl) {
        this.postgres = postgres;
        this.proxy = proxy;
        this.secrets = secrets;
        this.elasticMq = elasticMq;
        this.database = database;
        this.dispatchQueueUrl = dispatchQueueUrl;
    }

    public static IntakeStack start(Path pgbouncer) {
        PostgresServer postgres = PostgresServer.start(Map.of());
        PgBouncer proxy = PgBouncer.start(pgbouncer, postgres, PgBouncer.Settings.defaults());
        SecretsManagerEndpoint secrets = SecretsManagerEndpoint.start();
        ElasticMq elasticMq = ElasticMq.start();

        // Migrations are an admin task over a direct connection, as in AWS; not part of what is measured.
        TestDatabase database = postgres.createDatabase("bench_intake");
        Migrations.apply(direct(database), new ApplicationRole(database.applicationUser(), database.applicationPassword()));
        proxy.allow(database);
        // The handlers log in as the functions' role (DML only), as in AWS; the admin only migrates.
        String secretArn = secrets.putDatabaseSecret("rds-" + database.name(), database.applicationUser(),
                database.applicationPassword());

        Map<String, String> env = new HashMap<>();
        // PgBouncer's certificate is issued for localhost; verify-full checks the name.
        env.put("RDS_PROXY_ENDPOINT", "localhost");
        env.put("DATABASE_PORT", Integer.toString(proxy.port()));
        env.put("DATABASE_NAME", database.name());
        env.put("RDS_SECRET_ARN", secretArn);
        env.put("DB_SSL_ROOT_CERT", proxy.caCertificate().toString());
        env.put("SECRETS_MANAGER_ENDPOINT", secrets.endpoint().toString());
        env.put("SQS_ENDPOINT", elasticMq.endpoint().toString());
        env.put("AWS_REGION", ElasticMq.REGION);
        // Every queue validate-campaign may send to (it requires each at start): dispatch, dial, report.
        try (SqsClient sqs = SqsClients.fromEnvironment(Env.of(env))) {
            for (String queue : FunctionCatalog.VALIDATE_CAMPAIGN.sendsTo()) {
                env.put(QueueUrls.variable(queue), sqs.createQueue(request -> request.queueName(queue)).queueUrl());
            }
        }
        String queueUrl = env.get(QueueUrls.variable(QueueTopology.DISPATCH));
        env.forEach((name, value) -> System.setProperty(Env.OVERRIDE_PREFIX + name, value));
        // The handlers are on this class path: their Env is this one, asked as the local stack asks its own.
        Env.allowSystemPropertyOverrides();
        return new IntakeStack(postgres, proxy, secrets, elasticMq, database, queueUrl);
    }

    /** validate-campaign's handler, as a new Lambda container builds it in its init phase. */
    public ValidateCampaignHandler ownerApi() {
        return new ValidateCampaignHandler();
    }

    /** report-generator's API handler (the {@code report-api} function), likewise. */
    public ReportApiHandler reportApi() {
        return new ReportApiHandler();
    }

    /** Straight to PostgreSQL, for arranging data and checking it; never what the handlers use. */
    public DataSource direct() {
        return direct(database);
    }

    /** Messages waiting on the dispatch queue: each accepted campaign leaves one. */
    public int dispatchMessages() {
        try (SqsClient sqs = SqsClients.fromEnvironment(Env.system())) {
            String count = sqs.getQueueAttributes(request -> request.queueUrl(dispatchQueueUrl)
                            .attributeNamesWithStrings("ApproximateNumberOfMessages"))
                    .attributesAsStrings().get("ApproximateNumberOfMessages");
            return Integer.parseInt(count);
        }
    }

    private static DataSource direct(TestDatabase database) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.directJdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    @Override
    public void close() throws Exception {
        elasticMq.close();
        secrets.close();
        proxy.close();
        postgres.close();
    }
}
