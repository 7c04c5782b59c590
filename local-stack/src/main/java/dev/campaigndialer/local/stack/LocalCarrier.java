package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.queue.QueueTopology;
import dev.campaigndialer.core.telephony.SimulatedCarrier;
import dev.campaigndialer.localaws.ConnectEndpoint;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulated carrier of API.md behind a local Amazon Connect endpoint, with the quota of
 * {@link StackSettings.ConnectSettings} and (when on) contact events sent to the status queue, as
 * the EventBridge rule's SQS target does.
 */
final class LocalCarrier implements AutoCloseable {

    private final SimulatedCarrier carrier;
    private final ConnectEndpoint connect;
    private final StackSettings settings;

    private LocalCarrier(SimulatedCarrier carrier, ConnectEndpoint connect, StackSettings settings) {
        this.carrier = carrier;
        this.connect = connect;
        this.settings = settings;
    }

    static LocalCarrier start(StackSettings settings, Clock clock, LocalSqs sqs) {
        var carrier = new SimulatedCarrier(settings.carrierLatencyMillis(), 0);
        ConnectEndpoint connect = ConnectEndpoint.start(new SimulatedCarrierBehindConnect(carrier), clock);
        try {
            StackSettings.ConnectSettings quota = settings.connect();
            connect.throttle(quota.requestsPerSecond(), quota.burst());
            if (quota.contactEvents()) {
                // The EventBridge rule's SQS target: each event's JSON is the message body.
                String statusQueue = sqs.queues().queue(QueueTopology.STATUS).url();
                connect.sendEvents(event -> sqs.client().sendMessage(send -> send.queueUrl(statusQueue).messageBody(event)),
                        quota.dropEventsPercent(), 42, settings.clockRate());
            }
            return new LocalCarrier(carrier, connect, settings);
        } catch (RuntimeException | Error e) {
            connect.close();
            throw e;
        }
    }

    SimulatedCarrier carrier() {
        return carrier;
    }

    ConnectEndpoint connect() {
        return connect;
    }

    /**
     * The Amazon Connect settings, only for functions that call Connect. The fleet's budget is the
     * endpoint's quota, as Terraform sets it to the account's.
     */
    Map<String, String> telephonyEnvironment() {
        StackSettings.ConnectSettings quota = settings.connect();
        Map<String, String> telephony = new LinkedHashMap<>();
        telephony.put("TELEPHONY_PROVIDER", "connect");
        telephony.put("CONNECT_ENDPOINT", connect.endpoint().toString());
        telephony.put("CONNECT_INSTANCE_ID", "local-instance-0000");
        telephony.put("CONNECT_CONTACT_FLOW_ID", "local-outbound-flow-0000");
        telephony.put("CONNECT_START_RPS", Double.toString(quota.requestsPerSecond()));
        telephony.put("CONNECT_START_BURST", Double.toString(quota.burst()));
        telephony.put("CONNECT_DESCRIBE_RPS", Double.toString(quota.requestsPerSecond()));
        telephony.put("CONNECT_DESCRIBE_BURST", Double.toString(quota.burst()));
        telephony.put("RING_TIMEOUT_SECONDS", Integer.toString(quota.ringTimeoutSeconds()));
        return Map.copyOf(telephony);
    }

    String describe() {
        StackSettings.ConnectSettings quota = settings.connect();
        return "simulated carrier behind a local Amazon Connect endpoint " + connect.endpoint()
                + (settings.carrierLatencyMillis() > 0 ? ", " + settings.carrierLatencyMillis() + " ms latency" : "")
                + String.format(", %s requests/s burst %s per API", Numbers.plain(quota.requestsPerSecond()),
                        Numbers.plain(quota.burst()))
                + (quota.contactEvents() ? ", contact events to the status queue"
                + (quota.dropEventsPercent() > 0 ? " (" + Numbers.plain(quota.dropEventsPercent()) + " % dropped)" : "")
                : "");
    }

    @Override
    public void close() {
        connect.close();
    }
}
