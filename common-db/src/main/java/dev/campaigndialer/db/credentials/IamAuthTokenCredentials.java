package dev.campaigndialer.db.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.services.rds.model.GenerateAuthenticationTokenRequest;

/**
 * IAM database authentication: a token signed locally with the function's role credentials (no
 * network call). Tokens live 15 minutes; a new one is generated after 10 so a connection attempt
 * never presents one about to expire. Thread-safe.
 */
public final class IamAuthTokenCredentials implements CredentialsProvider {

    static final Duration RENEW_AFTER = Duration.ofMinutes(10);

    private final RdsUtilities utilities;
    private final String host;
    private final int port;
    private final String user;
    private final Clock clock;
    private DatabaseCredentials cached;
    private Instant generatedAt = Instant.MIN;

    public IamAuthTokenCredentials(RdsUtilities utilities, String host, int port, String user, Clock clock) {
        this.utilities = utilities;
        this.host = host;
        this.port = port;
        this.user = user;
        this.clock = clock;
    }

    @Override
    public synchronized DatabaseCredentials current() {
        if (cached == null || clock.instant().isAfter(generatedAt.plus(RENEW_AFTER))) {
            return refresh();
        }
        return cached;
    }

    @Override
    public synchronized DatabaseCredentials refresh() {
        String token = utilities.generateAuthenticationToken(GenerateAuthenticationTokenRequest.builder()
                .hostname(host).port(port).username(user).build());
        cached = new DatabaseCredentials(user, token);
        generatedAt = clock.instant();
        return cached;
    }
}
