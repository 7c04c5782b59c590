package dev.campaigndialer.db.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * IAM database authentication: the password is a token from the SDK's
 * {@link RdsUtilities#generateAuthenticationToken}, a SigV4-presigned {@code connect} request for
 * the {@code rds-db} service signed locally with the function role's credentials (no call to
 * RDS). Tokens live 15 minutes; a new one is made after 10 so a login never presents one about to
 * expire. Thread-safe.
 */
public final class IamAuthTokenCredentials implements CredentialsProvider {

    static final Duration RENEW_AFTER = Duration.ofMinutes(10);

    private final RdsUtilities rds;
    private final String host;
    private final int port;
    private final String user;
    private final Clock clock;
    private DatabaseCredentials cached;
    private Instant generatedAt = Instant.MIN;

    /**
     * @param rds   signs with its region and credentials provider (in Lambda: the function role's)
     * @param clock decides when a token is renewed; the SDK signs with the system clock
     */
    public IamAuthTokenCredentials(RdsUtilities rds, String host, int port, String user, Clock clock) {
        this.rds = rds;
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
        cached = new DatabaseCredentials(user,
                rds.generateAuthenticationToken(request -> request.hostname(host).port(port).username(user)));
        generatedAt = clock.instant();
        return cached;
    }
}
