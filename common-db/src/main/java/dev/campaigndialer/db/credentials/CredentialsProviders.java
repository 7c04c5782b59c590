package dev.campaigndialer.db.credentials;

import dev.campaigndialer.db.DatabaseSettings;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the credential source the settings ask for, with the real AWS SDK clients. */
public final class CredentialsProviders {

    private CredentialsProviders() {
    }

    public static CredentialsProvider forSettings(DatabaseSettings settings) {
        Region region = Region.of(settings.region());
        if (settings.iamAuthUser().isPresent()) {
            RdsUtilities rds = RdsUtilities.builder()
                    .region(region)
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .build();
            return new IamAuthTokenCredentials(rds, settings.proxyEndpoint(), settings.port(),
                    settings.iamAuthUser().get(), Clock.systemUTC());
        }
        return fromSecret(settings, settings.secretArn().orElseThrow());
    }

    /**
     * The credentials in any Secrets Manager secret (JSON with username and password), reached the
     * way the settings say: the migration reads the application role's secret with it.
     */
    public static CredentialsProvider fromSecret(DatabaseSettings settings, String secretArn) {
        // URLConnection client: the smallest and fastest to start of the SDK's HTTP clients.
        var client = SecretsManagerClient.builder()
                .region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.create());
        settings.secretsEndpoint().ifPresent(endpoint -> client
                .endpointOverride(endpoint)
                // A local stand-in endpoint does not check signatures; don't require AWS credentials.
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return new SecretsManagerCredentials(client.build(), secretArn);
    }
}
