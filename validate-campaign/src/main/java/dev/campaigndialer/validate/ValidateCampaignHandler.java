package dev.campaigndialer.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.lambda.Deadlines;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.validate.api.HttpRequest;
import dev.campaigndialer.validate.api.HttpResponse;
import dev.campaigndialer.validate.campaign.CampaignService;
import dev.campaigndialer.validate.dnc.DncService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API (payload 2.0) handler for campaign owners. Thin: it unpacks the event,
 * relays outbox rows an earlier invocation left behind, and hands the request to {@link OwnerApi}.
 */
public final class ValidateCampaignHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final JsonLog LOG = JsonLog.forClass(ValidateCampaignHandler.class);
    private static final Duration OUTBOX_GRACE = Duration.ofSeconds(30);

    private final Database database;
    private final OwnerApi api;
    private final OutboxRelay relay;
    private final Clock clock;

    /** Called by Lambda: everything is built once, in the init phase. */
    public ValidateCampaignHandler() {
        this(Env.system());
    }

    ValidateCampaignHandler(Env env) {
        this(Database.fromEnvironment(env), new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env), Clocks.fromEnvironment(env));
    }

    ValidateCampaignHandler(Database database, SqsPublisher publisher, QueueUrls queues, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        this.api = new OwnerApi(new CampaignService(database.jdbi(), relay, clock), new DncService(database.jdbi(), clock));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        JsonLog.clearContext();
        JsonLog.put("requestId", context == null ? null : context.getAwsRequestId());
        database.connectDeadline(Deadlines.of(context, 29_000));
        try {
            relayLeftovers();
            HttpResponse response = api.handle(toRequest(event));
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(response.status())
                    .withHeaders(response.headers())
                    .withBody(response.body())
                    .withIsBase64Encoded(false)
                    .build();
        } finally {
            database.connectDeadline(null);
            JsonLog.clearContext();
        }
    }

    // "Relayed by the next invocation": a message whose writer died after committing goes out now.
    private void relayLeftovers() {
        try {
            relay.relayStale(OUTBOX_GRACE, 100);
        } catch (RuntimeException e) {
            LOG.error("outbox relay failed; the minute sweep will retry", e);
        }
    }

    static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "GET";
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Optional<String> owner = Optional.ofNullable(context)
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .map(claims -> claims.get("sub"));
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        return new HttpRequest(method, event.getRawPath() == null ? "/" : event.getRawPath(), headers, body, owner);
    }
}
