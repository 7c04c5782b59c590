package dev.campaigndialer.core.telephony;

import dev.campaigndialer.core.config.ConfigurationException;
import dev.campaigndialer.core.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.Contact;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.connect.model.TrafficType;

/**
 * The Amazon Connect adapter: {@code StartOutboundVoiceContact} places the call with the dial task
 * id as {@code ClientToken} (Connect returns the first contact for a repeated token, which is what
 * makes a crash between "call placed" and "row updated" harmless); {@code DescribeContact} reads how
 * it ended, mapped by {@link ConnectOutcomes}. API reference:
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_StartOutboundVoiceContact.html and
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribeContact.html.
 *
 * <p>With answering machine detection on ({@code CONNECT_AMD}, default true) the request says
 * {@code TrafficType=CAMPAIGN}, which Connect requires for AMD (and which needs the "Amazon Connect
 * campaigns" quota raised on the account: campaign calls are not allowed by default).
 * {@code RingTimeoutInSeconds} is {@code RING_TIMEOUT_SECONDS} (default 60, Connect's own default
 * dialing timeout).
 *
 * <p>The SDK does not retry: every request counts against the fleet's Connect rate budget (the
 * dialer's claim takes a token per call), and a retry hidden in the client would spend requests
 * the budget never granted. Refusals that say nothing about the call (throttling, HTTP 429 as
 * "Best practices for using Amazon Connect APIs" describes it; 5xx; timeouts and connection
 * errors; a full account quota) become {@link CarrierUnavailableException}: not an attempt. Other
 * SDK errors ({@code InvalidParameterException}, {@code DestinationNotAllowedException},
 * {@code ResourceNotFoundException}, ...) propagate unchanged.
 *
 * <p>The Connect client is an optional dependency of common-core: a function that selects this
 * provider (dialer-worker, status-checker) declares {@code software.amazon.awssdk:connect} itself.
 * Thread-safe.
 */
public final class ConnectTelephonyProvider implements TelephonyProvider, AutoCloseable {

    /** The longest idempotency token this adapter sends as {@code ClientToken}. */
    public static final int MAX_CLIENT_TOKEN_LENGTH = 200;

    /** Connect's default dialing timeout, and the longest ring this adapter asks for. */
    public static final int DEFAULT_RING_TIMEOUT_SECONDS = 60;
    /** The shortest ring timeout accepted here (Connect campaigns' documented minimum). */
    public static final int MIN_RING_TIMEOUT_SECONDS = 15;
    /** How long one Connect request may take, connection included, before it counts as a fault. */
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectClient connect;
    private final String instanceId;
    private final String contactFlowId;
    private final ThrottledRequests throttled;
    private final boolean answeringMachineDetection;
    private final int ringTimeoutSeconds;

    /**
     * With answering machine detection on and Connect's default 60 s ring timeout.
     *
     * @param connect       a built client; closed by {@link #close()}
     * @param instanceId    the Connect instance (id or ARN)
     * @param contactFlowId the outbound contact flow the call runs through
     */
    public ConnectTelephonyProvider(ConnectClient connect, String instanceId, String contactFlowId) {
        this(connect, instanceId, contactFlowId, new ThrottledRequests(), true, DEFAULT_RING_TIMEOUT_SECONDS);
    }

    /** @param throttled the interceptor the client was built with, so {@link #throttledRequests()} counts */
    public ConnectTelephonyProvider(ConnectClient connect, String instanceId, String contactFlowId,
            ThrottledRequests throttled) {
        this(connect, instanceId, contactFlowId, throttled, true, DEFAULT_RING_TIMEOUT_SECONDS);
    }

    /**
     * @param answeringMachineDetection AMD on: the request also says {@code TrafficType=CAMPAIGN}
     * @param ringTimeoutSeconds        {@code RingTimeoutInSeconds}, 15 to 60
     */
    public ConnectTelephonyProvider(ConnectClient connect, String instanceId, String contactFlowId,
            boolean answeringMachineDetection, int ringTimeoutSeconds) {
        this(connect, instanceId, contactFlowId, new ThrottledRequests(), answeringMachineDetection, ringTimeoutSeconds);
    }

    /**
     * @param throttled                 the interceptor the client was built with, so {@link #throttledRequests()} counts
     * @param answeringMachineDetection AMD on: the request also says {@code TrafficType=CAMPAIGN}
     * @param ringTimeoutSeconds        {@code RingTimeoutInSeconds}, 15 to 60
     */
    public ConnectTelephonyProvider(ConnectClient connect, String instanceId, String contactFlowId,
            ThrottledRequests throttled, boolean answeringMachineDetection, int ringTimeoutSeconds) {
        this.throttled = Objects.requireNonNull(throttled, "throttled");
        this.connect = Objects.requireNonNull(connect, "connect");
        this.instanceId = requireText(instanceId, "instanceId");
        this.contactFlowId = requireText(contactFlowId, "contactFlowId");
        if (ringTimeoutSeconds < MIN_RING_TIMEOUT_SECONDS || ringTimeoutSeconds > DEFAULT_RING_TIMEOUT_SECONDS) {
            throw new ConfigurationException("RING_TIMEOUT_SECONDS must be between " + MIN_RING_TIMEOUT_SECONDS
                    + " and " + DEFAULT_RING_TIMEOUT_SECONDS + ", was " + ringTimeoutSeconds);
        }
        this.answeringMachineDetection = answeringMachineDetection;
        this.ringTimeoutSeconds = ringTimeoutSeconds;
    }

    /** {@code RING_TIMEOUT_SECONDS}: how long Connect lets a call ring (default 60). */
    public static int ringTimeoutSeconds(Env env) {
        return env.intOrDefault("RING_TIMEOUT_SECONDS", DEFAULT_RING_TIMEOUT_SECONDS);
    }

    /** {@code CONNECT_AMD}: answering machine detection, on unless set to false. */
    public static boolean answeringMachineDetection(Env env) {
        return env.optional("CONNECT_AMD").isEmpty() || env.flag("CONNECT_AMD");
    }

    /**
     * {@code CONNECT_INSTANCE_ID} and {@code CONNECT_CONTACT_FLOW_ID} (required), {@code AWS_REGION}
     * (Lambda sets it; default us-east-1), {@code CONNECT_AMD} and {@code RING_TIMEOUT_SECONDS}
     * (see the class comment), and optional {@code CONNECT_ENDPOINT}: a local stand-in reached
     * through {@code endpointOverride} with static dummy credentials.
     */
    public static ConnectTelephonyProvider fromEnvironment(Env env) {
        String instanceId = env.required("CONNECT_INSTANCE_ID");
        String contactFlowId = env.required("CONNECT_CONTACT_FLOW_ID");
        var throttled = new ThrottledRequests();
        var builder = ConnectClient.builder()
                .region(Region.of(env.orDefault("AWS_REGION", "us-east-1")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override -> override
                        .addExecutionInterceptor(throttled)
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(API_CALL_TIMEOUT));
        env.optional("CONNECT_ENDPOINT").ifPresent(endpoint -> builder
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
        return new ConnectTelephonyProvider(builder.build(), instanceId, contactFlowId, throttled,
                answeringMachineDetection(env), ringTimeoutSeconds(env));
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
        String contactId = classified("StartOutboundVoiceContact", () -> connect.startOutboundVoiceContact(start -> {
            start.clientToken(token)
                    .instanceId(instanceId)
                    .contactFlowId(contactFlowId)
                    .destinationPhoneNumber(request.to())
                    .sourcePhoneNumber(request.from())
                    .ringTimeoutInSeconds(ringTimeoutSeconds)
                    .attributes(Map.of("attempt", Integer.toString(request.attempt())));
            if (answeringMachineDetection) {
                start.trafficType(TrafficType.CAMPAIGN)
                        .answerMachineDetectionConfig(amd -> amd
                                .enableAnswerMachineDetection(true)
                                .awaitAnswerMachinePrompt(true));
            }
        }).contactId());
        return new PlacedCall(contactId);
    }

    @Override
    public CallStatus status(String callId) {
        Contact contact = classified("DescribeContact", () -> connect.describeContact(describe -> describe
                .instanceId(instanceId).contactId(callId)).contact());
        return ConnectOutcomes.of(contact);
    }

    /**
     * Runs one Connect request, turning the refusals that are not about the call into {@link
     * CarrierUnavailableException}. A full quota first: Connect answers some of those with 429 too.
     */
    private static <T> T classified(String api, Supplier<T> request) {
        try {
            return request.get();
        } catch (ServiceQuotaExceededException | LimitExceededException e) {
            throw new CarrierUnavailableException(CarrierUnavailableException.Reason.QUOTA_EXCEEDED,
                    api + ": a Connect quota is full (" + e.awsErrorDetails().errorCode() + ")", e);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() == 429) {
                throw new CarrierUnavailableException(CarrierUnavailableException.Reason.THROTTLED,
                        api + " throttled (HTTP " + e.statusCode() + ")", e);
            }
            if (e.statusCode() >= 500) {
                throw new CarrierUnavailableException(CarrierUnavailableException.Reason.FAULT,
                        api + " failed in Connect (HTTP " + e.statusCode() + ")", e);
            }
            throw e;
        } catch (SdkClientException e) {
            // A timeout or a connection that failed: Connect may or may not have seen the request;
            // the same ClientToken makes sending it again safe.
            throw new CarrierUnavailableException(CarrierUnavailableException.Reason.FAULT,
                    api + " did not complete: " + e.getMessage(), e);
        }
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
