package dev.campaigndialer.validate.dnc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.db.repository.DncRepository;
import dev.campaigndialer.core.api.ApiException;
import dev.campaigndialer.core.api.Echo;
import dev.campaigndialer.core.api.FieldError;
import dev.campaigndialer.validate.campaign.ContactScreening;
import dev.campaigndialer.validate.campaign.SubmissionParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The owner's do-not-call list: numbers normalised to E.164 with region US. Thread-safe. */
public final class DncService {

    public record Added(int added, List<String> invalid) {
    }

    public record Listed(List<String> phones) {
    }

    private static final int MAX_PHONES = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ContactScreening numbers = new ContactScreening();

    public DncService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Added add(String owner, String body) {
        JsonNode root = SubmissionParser.readJson(body);
        List<FieldError> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("body", "must be a JSON object with phones")));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("phones")) {
                errors.add(new FieldError(Echo.prefix(name), "is not a known field"));
            }
        }
        JsonNode phones = root.get("phones");
        if (phones == null || !phones.isArray() || phones.isEmpty() || phones.size() > MAX_PHONES) {
            errors.add(new FieldError("phones", "must be an array of 1 to " + MAX_PHONES + " phone numbers"));
        } else {
            for (int i = 0; i < phones.size() && errors.size() < 100; i++) {
                if (!phones.get(i).isTextual()) {
                    errors.add(new FieldError("phones[" + i + "]", "must be a string"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Set<String> valid = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        phones.forEach(phone -> numbers.normalise(phone.asText(), "US")
                .ifPresentOrElse(valid::add, () -> invalid.add(Echo.prefix(phone.asText()))));
        int added = valid.isEmpty() ? 0 : jdbi.withExtension(DncRepository.class,
                dnc -> java.util.Arrays.stream(dnc.add(owner, valid, clock.instant())).sum());
        return new Added(added, invalid);
    }

    public Listed list(String owner) {
        return new Listed(jdbi.withExtension(DncRepository.class, dnc -> dnc.list(owner)));
    }

    public void remove(String owner, String phone) {
        String number = numbers.normalise(phone, "US").orElseThrow(() -> ApiException.invalid(
                List.of(new FieldError("phone", "is not a valid phone number"))));
        jdbi.useExtension(DncRepository.class, dnc -> dnc.remove(owner, number));
    }
}
