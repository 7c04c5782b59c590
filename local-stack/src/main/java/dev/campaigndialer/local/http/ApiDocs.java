package dev.campaigndialer.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The owner API's contract on the gateway's own port, outside the API's routes (no token needed,
 * as for any public documentation): {@code GET /openapi.yaml} (api/openapi.yaml, its server URL
 * set to this gateway) and {@code GET /docs}, a reference page drawn by Swagger UI from the
 * {@code org.webjars:swagger-ui} assets in this jar. The page loads nothing from elsewhere (its
 * Content-Security-Policy allows only this origin) and has the online validator switched off.
 */
final class ApiDocs {

    /** A document to send. */
    record Asset(String contentType, byte[] body, Map<String, String> headers) {
    }

    static final String DOCUMENT_PATH = "/openapi.yaml";
    static final String PAGE_PATH = "/docs";
    /** Scripts and styles from this origin only; data: images (Swagger UI's icons); fetches to this origin (the document, "Try it out"). */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";
    private static final String DOCUMENTED_SERVER = "http://127.0.0.1:8080";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
    private static final Map<String, String> WEBJAR_ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private final String document;

    ApiDocs(URI baseUrl) {
        // "Try it out" must reach this gateway, whatever port it listens on.
        this.document = new String(resource("api/openapi.yaml"), StandardCharsets.UTF_8)
                .replace(DOCUMENTED_SERVER, baseUrl.toString());
    }

    /** The asset for a GET of this path, or empty when the path is the API's. */
    Optional<Asset> find(String method, String rawPath) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        if (rawPath.equals(DOCUMENT_PATH)) {
            return Optional.of(new Asset("application/yaml; charset=utf-8", document.getBytes(StandardCharsets.UTF_8),
                    Map.of()));
        }
        if (rawPath.equals(PAGE_PATH) || rawPath.equals(PAGE_PATH + "/")) {
            return Optional.of(new Asset("text/html; charset=utf-8", resource("docs/index.html"),
                    Map.of("Content-Security-Policy", PAGE_POLICY)));
        }
        if (rawPath.equals(PAGE_PATH + "/init.js")) {
            return Optional.of(new Asset("text/javascript; charset=utf-8", resource("docs/init.js"), Map.of()));
        }
        if (rawPath.startsWith(PAGE_PATH + "/")) {
            String name = rawPath.substring(PAGE_PATH.length() + 1);
            String type = WEBJAR_ASSETS.get(name);
            if (type != null) {
                return Optional.of(new Asset(type, webjar(name), Map.of("Cache-Control", "max-age=86400")));
            }
        }
        return Optional.empty();
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from local-stack's jar (rebuild local-stack)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] webjar(String name) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR + name)) {
            if (in == null) {
                throw new IllegalStateException("swagger-ui asset " + name + " is missing from local-stack's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's version, from its Maven descriptor (so upgrading the dependency is all it takes). */
    private static String swaggerUiVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on local-stack's class path");
            }
            var properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
