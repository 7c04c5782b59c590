package dev.campaigndialer.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.campaigndialer.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV that does not parse is the owner's mistake: a 400 naming the line, never a 500. */
class MalformedCsvIsA400WithTheLineTest {

    private static OwnerApiClient api;

    @BeforeAll
    static void start() {
        api = new OwnerApiClient("bad_csv");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # contactsCsv                                              | line named
            "phone"x,name\\n+14155550101,Ada\\n                        | line 1
            phone,name\\n+14155550101,Ada\\n"+14155550102"x,Grace\\n  | line 3
            phone,name\\n+14155550101,"Ada\\n                          | line 2
            phone,phone\\n+14155550101,+14155550102\\n                 | header
            """)
    void aCsvThatDoesNotParseIsA400NamingTheLine(String csv, String named) {
        Map<String, Integer> before = api.rowCounts();
        String text = csv.replace("\\n", "\n");

        var response = api.post("/campaigns", "alice", "{\"name\":\"csv\",\"callerId\":\"+14155550100\",\"contactsCsv\":"
                + Json.write(text) + "}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        var error = response.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("contactsCsv");
        assertThat(error.get("message").asText()).as(response.body()).contains(named);
        assertThat(api.rowCounts()).isEqualTo(before);
    }
}
