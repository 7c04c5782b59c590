package dev.campaigndialer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checker the API tests run every response through refuses each kind of drift between the
 * code and api/openapi.yaml: a missing or extra field, a wrong type or format, an undocumented
 * status, content type or route.
 */
class OpenApiContractCatchesDriftTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");
    private static final String ID = "59908071-85d2-4f03-995c-0b622b1a6fa7";
    private static final String CONTROL = "{\"campaignId\":\"" + ID + "\",\"status\":\"PAUSED\"}";
    private static final String NOT_FOUND = "{\"type\":\"https://campaign-dialer.dev/problems/not-found\",\"title\":\"Not found\","
            + "\"status\":404,\"detail\":\"campaign x not found\",\"errors\":[]}";

    private final OpenApiContract contract = OpenApiContract.load();

    @Test
    void aResponseTheDocumentDescribesPasses() {
        assertThatCode(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 200, JSON, CONTROL))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.assertConforms("GET", "/campaigns/x", 404, PROBLEM, NOT_FOUND))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.assertConforms("DELETE", "/dnc/%2B14155550198", 204, Map.of(), ""))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.assertConforms("PUT", "/campaigns", 405, PROBLEM, NOT_FOUND.replace("404", "405")))
                .as("an undocumented method on a documented path is the 405 problem").doesNotThrowAnyException();
    }

    @Test
    void eachKindOfDriftFails() {
        assertThatThrownBy(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 200, JSON,
                "{\"campaignId\":\"" + ID + "\"}")).as("a required field missing").hasMessageContaining("status");
        assertThatThrownBy(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 200, JSON,
                CONTROL.replace("}", ",\"pausedAt\":\"now\"}"))).as("a field the document does not have")
                .hasMessageContaining("pausedAt");
        assertThatThrownBy(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 200, JSON,
                CONTROL.replace("PAUSED", "SLEEPING"))).as("a value outside the enum").hasMessageContaining("status");
        assertThatThrownBy(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 200, JSON,
                CONTROL.replace(ID, "not-a-uuid"))).as("a format").hasMessageContaining("uuid");
        assertThatThrownBy(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 202, JSON, CONTROL))
                .as("an undocumented status").hasMessageContaining("status 202 is not documented");
        assertThatThrownBy(() -> contract.assertConforms("POST", "/campaigns/" + ID + "/pause", 200,
                Map.of("Content-Type", "text/plain"), CONTROL)).as("an undocumented content type")
                .hasMessageContaining("text/plain");
        assertThatThrownBy(() -> contract.assertConforms("GET", "/campaigns/x", 404, JSON, "{\"error\":\"not found\"}"))
                .as("an error that is not problem+json").hasMessageContaining("application/json");
        assertThatThrownBy(() -> contract.assertConforms("GET", "/reports", 200, JSON, CONTROL))
                .as("a route the document does not have").hasMessageContaining("no operation GET /reports");
        assertThat(contract.checked()).isGreaterThanOrEqualTo(8);
    }
}
