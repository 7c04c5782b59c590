package dev.campaigndialer.core.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** API Gateway HTTP API (payload 2.0) events to {@link HttpRequest} and back. */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    /** The owner comes from the JWT authorizer's {@code sub} claim only, never from the body. */
    public static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "GET";
        String body = event.getBody();
        Optional<String> bodyProblem = Optional.empty();
        if (body != null && event.getIsBase64Encoded()) {
            Body decoded = fromBase64(body);
            body = decoded.text();
            bodyProblem = decoded.problem();
        } else if (body != null && !Text.isWellFormed(body)) {
            // Only a JSON event that carried "\ud800"-style escapes gets here: no UTF-8 sent that.
            bodyProblem = Optional.of("must be UTF-8 text (RFC 8259); it holds an unpaired surrogate");
            body = "";
        }
        Optional<String> owner = Optional.ofNullable(context)
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .map(claims -> claims.get("sub"));
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        return new HttpRequest(method, event.getRawPath() == null ? "/" : event.getRawPath(), headers, body, owner,
                bodyProblem);
    }

    /** A decoded body: its text, or "" and why it is not UTF-8 text. */
    private record Body(String text, Optional<String> problem) {
    }

    /**
     * A base64 body as text, or why it is not UTF-8, naming the first bad byte. Java's decoder is
     * strict: overlong forms, encoded surrogates and code points past U+10FFFF are malformed, as
     * RFC 3629 says.
     */
    private static Body fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new Body("", Optional.of("is marked base64-encoded but is not base64"));
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError() || in.hasRemaining()) {
            return new Body("", Optional.of("must be UTF-8 text (RFC 8259); byte " + in.position()
                    + " starts an invalid sequence"));
        }
        return new Body(out.flip().toString(), Optional.empty());
    }

    public static APIGatewayV2HTTPResponse toResponse(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }
}
