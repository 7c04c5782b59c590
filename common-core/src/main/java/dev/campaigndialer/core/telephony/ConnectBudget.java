package dev.campaigndialer.core.telephony;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.util.Optional;

/**
 * The fleet's Amazon Connect rate budget as configured: one token bucket per API of the instance.
 * Connect throttles each API per AWS account and Region; the default quota of
 * {@code StartOutboundVoiceContact} (and of most Connect APIs) is 2 requests per second with a
 * burst of 5, raised by a quota request (Amazon Connect service quotas,
 * https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html, and
 * https://docs.aws.amazon.com/connect/latest/APIReference/best-practices-connect-apis.html). Set
 * these to the account's quotas: {@code CONNECT_START_RPS}/{@code CONNECT_START_BURST} and
 * {@code CONNECT_DESCRIBE_RPS}/{@code CONNECT_DESCRIBE_BURST}, all defaulting to 2 and 5.
 * Immutable.
 *
 * @param instanceId the Connect instance the buckets belong to ({@code CONNECT_INSTANCE_ID})
 */
public record ConnectBudget(String instanceId, Rate start, Rate describe) {

    /** A token bucket's refill rate (requests per second) and burst (bucket size), as Connect's quota states them. */
    public record Rate(double perSecond, double burst) {
        public Rate {
            if (!(perSecond > 0) || !(burst >= 1)) {
                throw new ConfigurationException("a Connect rate needs requests per second > 0 and a burst >= 1, was "
                        + perSecond + " and " + burst);
            }
        }

        /**
         * The size of the fleet's own bucket. Connect's bucket and ours are not in phase (requests
         * reach Connect after varying latencies, and Connect's bucket is the whole account's in the
         * Region), so when the burst allows it the fleet keeps one second of refill in reserve:
         * then no second ever holds more than {@code burst} requests (2/s burst 5: a bucket of 3,
         * at most 5 requests in any second and 23 in any 10 s). A burst no larger than one second
         * of refill is used whole: a smaller bucket would cap every claim at a token or two.
         */
        public double capacity() {
            return burst - perSecond >= 1 ? burst - perSecond : burst;
        }
    }

    public static final Rate AWS_DEFAULT = new Rate(2, 5);

    /**
     * The budget of a function that calls Connect ({@code TELEPHONY_PROVIDER=connect}, the default);
     * empty for the in-process simulated carrier, which has no quota.
     */
    public static Optional<ConnectBudget> fromEnvironment(Env env) {
        if (!env.orDefault(TelephonyProviders.PROVIDER, "connect").equalsIgnoreCase("connect")) {
            return Optional.empty();
        }
        return Optional.of(new ConnectBudget(env.required("CONNECT_INSTANCE_ID"),
                rate(env, "CONNECT_START_RPS", "CONNECT_START_BURST"),
                rate(env, "CONNECT_DESCRIBE_RPS", "CONNECT_DESCRIBE_BURST")));
    }

    private static Rate rate(Env env, String rateName, String burstName) {
        return new Rate(number(env, rateName, AWS_DEFAULT.perSecond()), number(env, burstName, AWS_DEFAULT.burst()));
    }

    private static double number(Env env, String name, double fallback) {
        return env.optional(name).map(value -> {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be a number, was '" + value + "'");
            }
        }).orElse(fallback);
    }
}
