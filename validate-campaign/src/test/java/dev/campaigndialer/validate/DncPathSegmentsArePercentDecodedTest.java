package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /dnc/{phone}}: a path segment is percent-decoded (RFC 3986), not form-decoded, so
 * the '+' of E.164 may be written as it is or as %2B. (Form decoding turned it into a space, which
 * only happened to work for numbers whose national form starts with the US trunk prefix.)
 */
class DncPathSegmentsArePercentDecodedTest {

    private static OwnerApiClient api;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("dnc_path");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aLiteralPlusInThePathIsThePlusOfE164() {
        api.post("/dnc", "paula", "{\"phones\": [\"+442079460000\", \"+33142685300\"]}");

        var literal = api.send("DELETE", "/dnc/+442079460000", "paula", null, null, Map.of());
        var encoded = api.send("DELETE", "/dnc/%2B33142685300", "paula", null, null, Map.of());

        assertThat(literal.status()).as(literal.body()).isEqualTo(204);
        assertThat(encoded.status()).as(encoded.body()).isEqualTo(204);
        JsonNode left = api.get("/dnc", "paula").json().get("phones");
        assertThat(left).isEmpty();
    }

    @Test
    void aMalformedPercentEscapeIsA400() {
        for (String path : new String[] {"/dnc/%2", "/dnc/%ZZ14155550199", "/dnc/%C3%28"}) {
            var response = api.send("DELETE", path, "paula", null, null, Map.of());

            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("phone");
        }
    }
}
