package dev.campaigndialer.db.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * IAM database authentication. A token is a SigV4-presigned {@code connect} request for the
 * {@code rds-db} service, signed locally with the function role's credentials (what
 * {@code RdsUtilities.generateAuthenticationToken} does, without the 19 MB RDS client). Tokens
 * live 15 minutes; a new one is made after 10 so a login never presents one about to expire.
 * Thread-safe.
 */
public final class IamAuthTokenCredentials implements CredentialsProvider {

    static final Duration RENEW_AFTER = Duration.ofMinutes(10);
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final AwsCredentialsProvider awsCredentials;
    private final String region;
    private final String host;
    private final int port;
    private final String user;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private DatabaseCredentials cached;
    private Instant generatedAt = Instant.MIN;

    public IamAuthTokenCredentials(AwsCredentialsProvider awsCredentials, String region, String host, int port,
            String user, Clock clock) {
        this.awsCredentials = awsCredentials;
        this.region = region;
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
        cached = new DatabaseCredentials(user, token());
        generatedAt = clock.instant();
        return cached;
    }

    String token() {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .protocol("https")
                .host(host)
                .port(port)
                .encodedPath("/")
                .putRawQueryParameter("Action", "connect")
                .putRawQueryParameter("DBUser", user)
                .build();
        SignedRequest signed = signer.sign(sign -> sign
                .identity(awsCredentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "rds-db")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, TOKEN_LIFETIME)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        String uri = signed.request().getUri().toString();
        return uri.substring("https://".length());
    }
}
