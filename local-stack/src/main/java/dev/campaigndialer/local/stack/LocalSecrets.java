package dev.campaigndialer.local.stack;

import dev.campaigndialer.localaws.SecretsManagerEndpoint;

/** The Secrets Manager endpoint holding the application role's database secret, as RDS Proxy's. */
final class LocalSecrets implements AutoCloseable {

    static final String DATABASE_SECRET_NAME = "campaign-dialer/local/database";

    private final SecretsManagerEndpoint endpoint;
    private final String databaseSecretArn;

    private LocalSecrets(SecretsManagerEndpoint endpoint, String databaseSecretArn) {
        this.endpoint = endpoint;
        this.databaseSecretArn = databaseSecretArn;
    }

    static LocalSecrets start(LocalDatabase.Endpoint database) {
        SecretsManagerEndpoint endpoint = SecretsManagerEndpoint.start();
        try {
            return new LocalSecrets(endpoint,
                    endpoint.putDatabaseSecret(DATABASE_SECRET_NAME, database.user(), database.password()));
        } catch (RuntimeException | Error e) {
            endpoint.close();
            throw e;
        }
    }

    SecretsManagerEndpoint endpoint() {
        return endpoint;
    }

    /** {@code RDS_SECRET_ARN}. */
    String databaseSecretArn() {
        return databaseSecretArn;
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
