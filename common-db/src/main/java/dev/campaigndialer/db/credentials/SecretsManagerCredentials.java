package dev.campaigndialer.db.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import java.io.IOException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Credentials from the RDS secret in Secrets Manager ({@code {"username": ..., "password": ...}}),
 * fetched once per container and cached. Thread-safe.
 */
public final class SecretsManagerCredentials implements CredentialsProvider {

    private static final JsonLog LOG = JsonLog.forClass(SecretsManagerCredentials.class);

    private final SecretsManagerClient client;
    private final String secretArn;
    private volatile DatabaseCredentials cached;

    public SecretsManagerCredentials(SecretsManagerClient client, String secretArn) {
        this.client = client;
        this.secretArn = secretArn;
    }

    @Override
    public DatabaseCredentials current() {
        DatabaseCredentials credentials = cached;
        if (credentials == null) {
            synchronized (this) {
                if (cached == null) {
                    cached = fetch();
                }
                credentials = cached;
            }
        }
        return credentials;
    }

    @Override
    public synchronized DatabaseCredentials refresh() {
        cached = fetch();
        LOG.info("database credentials refreshed from Secrets Manager", "secretArn", secretArn);
        return cached;
    }

    private DatabaseCredentials fetch() {
        String secret = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretArn).build()).secretString();
        try {
            JsonNode json = Json.mapper().readTree(secret);
            String username = json.path("username").asText("");
            String password = json.path("password").asText("");
            if (username.isEmpty() || password.isEmpty()) {
                throw new IllegalStateException("secret " + secretArn + " lacks username or password");
            }
            return new DatabaseCredentials(username, password);
        } catch (IOException e) {
            // Never include the secret text: it is the password.
            throw new IllegalStateException("secret " + secretArn + " is not JSON with username and password");
        }
    }
}
