package dev.campaigndialer.core.telephony;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;

/** Picks the {@link TelephonyProvider} a function uses, from its environment. */
public final class TelephonyProviders {

    public static final String PROVIDER = "TELEPHONY_PROVIDER";
    public static final String LATENCY_MS = "SIMULATED_CARRIER_LATENCY_MS";
    public static final String IN_PROGRESS_POLLS = "SIMULATED_CARRIER_IN_PROGRESS_POLLS";

    private TelephonyProviders() {
    }

    /**
     * {@code TELEPHONY_PROVIDER}:
     * <ul>
     *   <li>{@code connect} (the default): Amazon Connect, see
     *       {@link ConnectTelephonyProvider#fromEnvironment(Env)} for its settings
     *       ({@code CONNECT_INSTANCE_ID}, {@code CONNECT_CONTACT_FLOW_ID}, {@code AWS_REGION},
     *       {@code CONNECT_ENDPOINT});</li>
     *   <li>{@code simulated}: a new {@link SimulatedCarrier} (stateless across functions) with
     *       {@code SIMULATED_CARRIER_LATENCY_MS} (default 0) and
     *       {@code SIMULATED_CARRIER_IN_PROGRESS_POLLS} (default 0).</li>
     * </ul>
     * Anything else is a {@link ConfigurationException} naming the variable.
     */
    public static TelephonyProvider fromEnvironment(Env env) {
        String provider = env.orDefault(PROVIDER, "connect").toLowerCase();
        return switch (provider) {
            case "connect" -> connect(env);
            // Works across functions: the call id carries the outcome's inputs (see SimulatedCarrier),
            // so a status checker in another container answers the dialer's calls. Only the
            // in-progress polls and the counts are per container. The local stack instead runs one
            // carrier behind testkit's Connect endpoint, to exercise the real Connect client.
            case "simulated" -> new SimulatedCarrier(nonNegative(env, LATENCY_MS), nonNegative(env, IN_PROGRESS_POLLS));
            default -> throw new ConfigurationException(PROVIDER + " must be 'connect' or 'simulated', was '"
                    + env.orDefault(PROVIDER, "") + "'");
        };
    }

    private static TelephonyProvider connect(Env env) {
        try {
            Class.forName("software.amazon.awssdk.services.connect.ConnectClient", false,
                    TelephonyProviders.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException(PROVIDER + "=connect needs software.amazon.awssdk:connect on the "
                    + "classpath; common-core declares it optional, so this function's pom must declare it");
        }
        return ConnectTelephonyProvider.fromEnvironment(env);
    }

    private static int nonNegative(Env env, String name) {
        int value = env.intOrDefault(name, 0);
        if (value < 0) {
            throw new ConfigurationException(name + " must be 0 or more, was " + value);
        }
        return value;
    }
}
