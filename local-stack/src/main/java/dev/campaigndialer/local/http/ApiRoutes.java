package dev.campaigndialer.local.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of API.md and the function serving each, as Terraform's {@code api_routes} declares
 * them: the report to {@code report-api}, everything else to {@code validate-campaign}. A request
 * that matches no route still goes to {@code validate-campaign} (as the {@code $default} route),
 * which answers it with its own problem+json 404 or 405.
 */
public final class ApiRoutes {

    /** A matched route: its key as API Gateway writes it, the path parameters, the function. */
    public record Match(String routeKey, Map<String, String> pathParameters, String function) {
    }

    private record Route(String method, List<String> template, String function) {
        String key() {
            return method + " /" + String.join("/", template);
        }
    }

    public static final String VALIDATE_CAMPAIGN = "validate-campaign";
    public static final String REPORT_API = "report-api";

    private static final List<Route> ROUTES = List.of(
            route("POST /campaigns", VALIDATE_CAMPAIGN),
            route("GET /campaigns", VALIDATE_CAMPAIGN),
            route("GET /campaigns/{id}", VALIDATE_CAMPAIGN),
            route("DELETE /campaigns/{id}", VALIDATE_CAMPAIGN),
            route("POST /campaigns/{id}/pause", VALIDATE_CAMPAIGN),
            route("POST /campaigns/{id}/resume", VALIDATE_CAMPAIGN),
            route("POST /campaigns/{id}/cancel", VALIDATE_CAMPAIGN),
            route("GET /campaigns/{id}/report", REPORT_API),
            route("POST /dnc", VALIDATE_CAMPAIGN),
            route("GET /dnc", VALIDATE_CAMPAIGN),
            route("DELETE /dnc/{phone}", VALIDATE_CAMPAIGN));

    private ApiRoutes() {
    }

    /** Route keys, as in Terraform and API.md. */
    public static List<String> keys() {
        return ROUTES.stream().map(Route::key).toList();
    }

    /**
     * @param rawPath the path as sent (percent-encoding kept); path parameters are decoded, as API
     *                Gateway decodes them
     */
    public static Match match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        for (Route route : ROUTES) {
            Optional<Map<String, String>> parameters = parameters(route, method, segments);
            if (parameters.isPresent()) {
                return new Match(route.key(), parameters.get(), route.function());
            }
        }
        return new Match("$default", Map.of(), VALIDATE_CAMPAIGN);
    }

    private static Optional<Map<String, String>> parameters(Route route, String method, List<String> segments) {
        if (!route.method().equals(method) || route.template().size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = route.template().get(i);
            String actual = segments.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected.substring(1, expected.length() - 1), decode(actual));
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() ? List.of() : List.of(path.split("/", -1));
    }

    private static String decode(String segment) {
        // Path segments: '+' is a plus sign, not a space (that is form encoding).
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Route route(String key, String function) {
        String[] parts = key.split(" ", 2);
        return new Route(parts[0], segments(parts[1]), function);
    }
}
