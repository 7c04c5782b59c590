package dev.campaigndialer.core.telephony;

import dev.campaigndialer.core.config.Env;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.Contact;

/**
 * The Amazon Connect adapter: {@code StartOutboundVoiceContact} places the call with the dial task
 * id as {@code ClientToken} (Connect returns the first contact for a repeated token, which is what
 * makes a crash between "call placed" and "row updated" harmless), with answering machine detection
 * on; {@code DescribeContact} reads how it ended, mapped by {@link ConnectOutcomes}.
 *
 * <p>SDK errors ({@code ConnectException} and subclasses such as {@code ThrottlingException} or
 * {@code ResourceNotFoundException}) propagate: the caller's message goes back to its queue.
 *
 * <p>The Connect client is an optional dependency of common-core: a function that selects this
 * provider (dialer-worker, status-checker) declares {@code software.amazon.awssdk:connect} itself.
 * Thread-safe.
 */
public final class ConnectTelephonyProvider implements TelephonyProvider, AutoCloseable {

    /** The longest idempotency token this adapter sends as {@code ClientToken}. */
    public static final int MAX_CLIENT_TOKEN_LENGTH = 200;

    private final ConnectClient connect;
    private final String instanceId;
    private final String contactFlowId;
    private final ThrottledRequests throttled;

    /**
     * @param connect       a built client; closed by {@link #close()}
     * @param instanceId    the Connect instance (id or ARN)
     * @param contactFlowId the outbound contact flow the call runs through
     */
    public ConnectTelephonyProvider(ConnectClient connect, String instanceId, String contactFlowId) {
        this(connect, instanceId, contactFlowId, new ThrottledRequests());
    }

    /** @param throttled the interceptor the client was built with, so {@link #throttledRequests()} counts */
    public ConnectTelephonyProvider(ConnectClient connect, String instanceId, String contactFlowId,
            ThrottledRequests throttled) {
        this.throttled = Objects.requireNonNull(throttled, "throttled");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.instanceId = requireText(instanceId, "instanceId");
        this.contactFlowId = requireText(contactFlowId, "contactFlowId");
    }

    /**
     * {@code CONNECT_INSTANCE_ID} and {@code CONNECT_CONTACT_FLOW_ID} (required), {@code AWS_REGION}
     * (Lambda sets it; default us-east-1), and optional {@code CONNECT_ENDPOINT}: a local stand-in
     * reached through {@code endpointOverride} with static dummy credentials.
     */
    public static ConnectTelephonyProvider fromEnvironment(Env env) {
        String instanceId = env.required("CONNECT_INSTANCE_ID");
        String contactFlowId = env.required("CONNECT_CONTACT_FLOW_ID");
        var throttled = new ThrottledRequests();
        var builder = ConnectClient.builder()
                .region(Region.of(env.orDefault("AWS_REGION", "us-east-1")))
                .overrideConfiguration(config -> config.addExecutionInterceptor(throttled))
                .httpClient(UrlConnectionHttpClient.create());
        env.optional("CONNECT_ENDPOINT").ifPresent(endpoint -> builder
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return new ConnectTelephonyProvider(builder.build(), instanceId, contactFlowId, throttled);
    }

    @Override
    public PlacedCall place(CallRequest request) {
        String token = request.idempotencyToken();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a call needs an idempotency token (the dial task id)");
        }
        if (token.length() > MAX_CLIENT_TOKEN_LENGTH) {
            throw new IllegalArgumentException("idempotency token is " + token.length()
                    + " characters; Connect's ClientToken here takes at most " + MAX_CLIENT_TOKEN_LENGTH);
        }
        String contactId = connect.startOutboundVoiceContact(start -> start
                .clientToken(token)
                .instanceId(instanceId)
                .contactFlowId(contactFlowId)
                .destinationPhoneNumber(request.to())
                .sourcePhoneNumber(request.from())
                .answerMachineDetectionConfig(amd -> amd
                        .enableAnswerMachineDetection(true)
                        .awaitAnswerMachinePrompt(true))
                .attributes(Map.of("attempt", Integer.toString(request.attempt()))))
                .contactId();
        return new PlacedCall(contactId);
    }

    @Override
    public CallStatus status(String callId) {
        Contact contact = connect.describeContact(describe -> describe.instanceId(instanceId).contactId(callId))
                .contact();
        return ConnectOutcomes.of(contact);
    }

    @Override
    public long throttledRequests() {
        return throttled.total();
    }

    @Override
    public void close() {
        connect.close();
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
