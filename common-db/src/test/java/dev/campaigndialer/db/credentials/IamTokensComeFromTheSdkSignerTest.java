package dev.campaigndialer.db.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * IAM database tokens are what the SDK's {@code RdsUtilities.generateAuthenticationToken} makes
 * (DESIGN.md names it), kept for ten minutes of their fifteen and then made anew.
 */
class IamTokensComeFromTheSdkSignerTest {

    private static final String HOST = "proxy.example.eu-west-1.rds.amazonaws.com";

    private final RdsUtilities rds = RdsUtilities.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
            .build();

    @Test
    void theTokenIsTheSdksOwn() {
        var credentials = new IamAuthTokenCredentials(rds, HOST, 5432, "dialer_app", Clock.systemUTC());

        String before = sdkToken();
        String token = credentials.current().password();
        String after = sdkToken();

        // The same request signed in the same second gives the same token, but for the lifetime the
        // SDK computes from two clock readings (899 or 900 s, and so the signature); a second
        // boundary may fall between the three calls, so it is one of the SDK's two.
        assertThat(unsigned(token)).isIn(unsigned(before), unsigned(after));
        assertThat(token).startsWith(HOST + ":5432/?").contains("Action=connect", "DBUser=dialer_app",
                "X-Amz-Credential=AKIDEXAMPLE%2F", "%2Feu-west-1%2Frds-db%2Faws4_request")
                // The SDK asks for 15 minutes and reads the clock again to sign: 899 or 900 s.
                .containsPattern("X-Amz-Expires=(899|900)(&|$)");
        assertThat(credentials.current().username()).isEqualTo("dialer_app");
    }

    @Test
    void aTokenIsKeptTenMinutesThenMadeAnew() throws InterruptedException {
        var clock = new SettableClock(Instant.now());
        var credentials = new IamAuthTokenCredentials(rds, HOST, 5432, "dialer_app", clock);
        String first = credentials.current().password();
        // The SDK signs with the real clock: let a second pass so a new token differs from the first.
        Thread.sleep(1_100);

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        String nineMinutesLater = credentials.current().password();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        String elevenMinutesLater = credentials.current().password();

        assertThat(nineMinutesLater).isEqualTo(first);
        assertThat(elevenMinutesLater).isNotEqualTo(first);
    }

    private static String unsigned(String token) {
        return token.replaceAll("X-Amz-Expires=\\d+", "").replaceAll("X-Amz-Signature=\\p{XDigit}+", "");
    }

    private String sdkToken() {
        return rds.generateAuthenticationToken(request -> request.hostname(HOST).port(5432).username("dialer_app"));
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
