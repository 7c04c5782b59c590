package dev.campaigndialer.validate;

import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.HttpRequest;
import dev.campaigndialer.core.api.HttpResponse;
import dev.campaigndialer.validate.campaign.CampaignControls;
import dev.campaigndialer.validate.campaign.CampaignService;
import dev.campaigndialer.validate.dnc.DncService;
import dev.campaigndialer.core.api.Echo;
import dev.campaigndialer.core.api.FieldError;
import dev.campaigndialer.core.api.PathSegments;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owner API's routes (API.md): identity and content checks, then one service call each.
 * Every failure leaves as problem+json, echoing at most a prefix of any value it rejects
 * ({@link Echo}). Path segments are percent-decoded as RFC 3986 says ('+' is a plus). Thread-safe.
 */
public final class OwnerApi {

    private static final JsonLog LOG = JsonLog.forClass(OwnerApi.class);
    private static final Pattern CAMPAIGN = Pattern.compile("/campaigns/([^/]+)");
    private static final Pattern CONTROL = Pattern.compile("/campaigns/([^/]+)/(pause|resume|cancel)");
    private static final Pattern DNC_NUMBER = Pattern.compile("/dnc/([^/]+)");

    private final CampaignService campaigns;
    private final CampaignControls controls;
    private final DncService dnc;

    public OwnerApi(CampaignService campaigns, CampaignControls controls, DncService dnc) {
        this.campaigns = campaigns;
        this.controls = controls;
        this.dnc = dnc;
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return HttpResponse.problem(e);
        } catch (RuntimeException e) {
            LOG.error("request failed", e, "method", Echo.prefix(request.method()), "path", Echo.prefix(request.path()));
            return HttpResponse.problem(new ApiException(500, "Internal error",
                    "the request could not be completed; nothing was stored, it is safe to retry"));
        }
    }

    private HttpResponse route(HttpRequest request) {
        String owner = request.requireOwner();
        String method = request.method().toUpperCase(Locale.ROOT);
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();

        if (path.equals("/campaigns")) {
            return switch (method) {
                case "POST" -> {
                    requireJson(request);
                    yield campaigns.submit(owner, request.header("idempotency-key"), request.textBody());
                }
                case "GET" -> HttpResponse.json(200, campaigns.list(owner));
                default -> throw methodNotAllowed(method, path);
            };
        }
        Matcher control = CONTROL.matcher(path);
        if (control.matches()) {
            if (!method.equals("POST")) {
                throw methodNotAllowed(method, path);
            }
            UUID id = campaignId(control.group(1));
            return HttpResponse.json(200, switch (control.group(2)) {
                case "pause" -> controls.pause(owner, id);
                case "resume" -> controls.resume(owner, id);
                default -> controls.cancel(owner, id);
            });
        }
        Matcher campaign = CAMPAIGN.matcher(path);
        if (campaign.matches()) {
            return switch (method) {
                case "GET" -> HttpResponse.json(200, campaigns.progress(owner, campaignId(campaign.group(1))));
                case "DELETE" -> HttpResponse.json(200, controls.erase(owner, campaignId(campaign.group(1))));
                default -> throw methodNotAllowed(method, path);
            };
        }
        if (path.equals("/dnc")) {
            return switch (method) {
                case "POST" -> {
                    requireJson(request);
                    yield HttpResponse.json(200, dnc.add(owner, request.textBody()));
                }
                case "GET" -> HttpResponse.json(200, dnc.list(owner));
                default -> throw methodNotAllowed(method, path);
            };
        }
        Matcher number = DNC_NUMBER.matcher(path);
        if (number.matches()) {
            if (!method.equals("DELETE")) {
                throw methodNotAllowed(method, path);
            }
            String phone = PathSegments.decode(number.group(1)).orElseThrow(() -> ApiException.invalid(List.of(
                    new FieldError("phone", "is not a valid path segment: percent-escapes must be %XX and spell UTF-8"))));
            dnc.remove(owner, phone);
            return HttpResponse.noContent();
        }
        throw new ApiException(404, "Not found", "no route " + Echo.prefix(method) + " " + Echo.prefix(path));
    }

    /** A malformed id can't name one of the caller's campaigns: 404, like any unknown id. */
    static UUID campaignId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("campaign " + Echo.prefix(text));
        }
    }

    private static void requireJson(HttpRequest request) {
        String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT).strip();
        if (!(type.equals("application/json") || type.startsWith("application/json;"))) {
            throw new ApiException(415, "Unsupported media type", "send the body as Content-Type: application/json");
        }
    }

    private static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(405, "Method not allowed", Echo.prefix(method) + " is not supported on " + Echo.prefix(path));
    }
}
