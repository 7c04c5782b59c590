package dev.campaigndialer.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.function.FunctionCatalog;
import dev.campaigndialer.core.lambda.Invocation;
import dev.campaigndialer.core.lambda.LambdaInvocations;
import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.metrics.BusinessMetrics;
import dev.campaigndialer.core.metrics.Metrics;
import dev.campaigndialer.core.sqs.QueueUrls;
import dev.campaigndialer.core.sqs.SqsClients;
import dev.campaigndialer.core.sqs.SqsPublisher;
import dev.campaigndialer.core.time.Clocks;
import dev.campaigndialer.db.CampaignCompletion;
import dev.campaigndialer.db.Database;
import dev.campaigndialer.db.OutboxRelay;
import dev.campaigndialer.core.api.ApiGatewayEvents;
import dev.campaigndialer.validate.campaign.CampaignControls;
import dev.campaigndialer.validate.campaign.CampaignService;
import dev.campaigndialer.validate.dnc.DncService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * API Gateway HTTP API (payload 2.0) handler for campaign owners. Thin: it unpacks the event,
 * relays outbox rows an earlier invocation left behind (on an authenticated request only), and
 * hands the request to {@link OwnerApi}. A campaign it accepts is counted in EMF ({@link
 * BusinessMetrics#CAMPAIGNS_ACCEPTED}, and its contacts suppressed by the DNC list at submission).
 */
public final class ValidateCampaignHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String FUNCTION = "validate-campaign";

    private static final JsonLog LOG = JsonLog.forClass(ValidateCampaignHandler.class);
    private static final Duration OUTBOX_GRACE = Duration.ofSeconds(30);

    private final LambdaInvocations invocations;
    private final OwnerApi api;
    private final OutboxRelay relay;
    private Instant lastRelayCheck;

    /** Called by Lambda: everything is built once, in the init phase. */
    public ValidateCampaignHandler() {
        this(Env.system());
    }

    ValidateCampaignHandler(Env env) {
        this(Database.fromEnvironment(env), new SqsPublisher(SqsClients.fromEnvironment(env)),
                QueueUrls.fromEnvironment(env, FunctionCatalog.VALIDATE_CAMPAIGN), Clocks.fromEnvironment(env));
    }

    ValidateCampaignHandler(Database database, SqsPublisher publisher, QueueUrls queues, Clock clock) {
        this.invocations = LambdaInvocations.of(FUNCTION, database);
        this.relay = new OutboxRelay(database.jdbi(), publisher, queues, clock);
        var completion = new CampaignCompletion(database.jdbi(), relay, clock);
        this.api = new OwnerApi(new CampaignService(database.jdbi(), relay, clock),
                new CampaignControls(database.jdbi(), relay, completion, clock), new DncService(database.jdbi(), clock));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return invocations.run(context, invocation -> serve(event, invocation));
    }

    private APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Invocation invocation) {
        HttpRequest request = ApiGatewayEvents.toRequest(event);
        // Identity first: a request without one gets its 401 from OwnerApi without costing a
        // database round trip (nor waiting out the connect retries when the database is down).
        if (request.isAuthenticated()) {
            relayLeftovers();
        }
        HttpResponse response = api.handle(request);
        countAccepted(request, response, invocation.metrics());
        return ApiGatewayEvents.toResponse(response);
    }

    private static void countAccepted(HttpRequest request, HttpResponse response, Metrics metrics) {
        if (response.status() != 201 || !"POST".equalsIgnoreCase(request.method())
                || response.headers().containsKey(CampaignService.REPLAYED)) {
            return;
        }
        try {
            var created = Json.mapper().readTree(response.body());
            metrics.property("campaignId", created.path("campaignId").asText())
                    .count(BusinessMetrics.CAMPAIGNS_ACCEPTED, 1)
                    .count(BusinessMetrics.DNC_SUPPRESSIONS, created.path("contacts").path("suppressed").asLong());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.error("campaign metrics not written", e);
        }
    }

    // "Relayed by the next invocation": a message whose writer died after committing goes out now.
    // At most once per grace period per container, so a busy API does not pay a query per request.
    private void relayLeftovers() {
        Instant now = Instant.now();
        if (lastRelayCheck != null && now.isBefore(lastRelayCheck.plus(OUTBOX_GRACE))) {
            return;
        }
        lastRelayCheck = now;
        try {
            relay.relayStale(OUTBOX_GRACE, 100);
        } catch (RuntimeException e) {
            LOG.error("outbox relay failed; the minute sweep will retry", e);
        }
    }
}
