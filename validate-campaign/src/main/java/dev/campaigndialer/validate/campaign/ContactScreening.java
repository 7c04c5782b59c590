package dev.campaigndialer.validate.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.campaigndialer.core.api.Echo;
import dev.campaigndialer.core.domain.ContactCounts;
import dev.campaigndialer.db.repository.ContactWriter.NewContact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Normalises every contact's number to E.164 and sorts the list into accepted, suppressed and
 * rejected entries with API.md's reasons. A bad entry never fails the campaign. Thread-safe.
 */
public final class ContactScreening {

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** The E.164 form of {@code raw}, read with {@code region} when it has no leading '+'. */
    public Optional<String> normalise(String raw, String region) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = phones.parse(raw, region);
            return isValid(number) ? Optional.of(phones.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Exactly {@link PhoneNumberUtil#isValidNumber}, at half the cost for most numbers. That method
     * first finds the number's region by trying its calling code's regions in order, main region
     * first (US for +1), and then validates against that region, so a number of the main region
     * is matched against its patterns twice. A number valid for the main region is one that
     * search would settle on, so checking the main region first gives the same answer; any other
     * number takes the full path.
     */
    private boolean isValid(PhoneNumber number) {
        return phones.isValidNumberForRegion(number, phones.getRegionCodeForCountryCode(number.getCountryCode()))
                || phones.isValidNumber(number);
    }

    /**
     * @param suppressedAmong given every valid E.164 number, returns those on the owner's DNC list
     */
    public ScreenedContacts screen(List<ContactEntry> entries, String region,
            Function<Set<String>, Set<String>> suppressedAmong) {
        List<String> e164 = new ArrayList<>(entries.size());
        Set<String> valid = new HashSet<>();
        for (ContactEntry entry : entries) {
            String number = normalise(entry.phone(), region).orElse(null);
            e164.add(number);
            if (number != null) {
                valid.add(number);
            }
        }
        Set<String> doNotCall = valid.isEmpty() ? Set.of() : suppressedAmong.apply(valid);

        List<NewContact> stored = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int invalid = 0;
        int duplicate = 0;
        int suppressed = 0;
        for (int i = 0; i < entries.size(); i++) {
            ContactEntry entry = entries.get(i);
            String number = e164.get(i);
            String reason = null;
            if (number == null) {
                reason = Rejection.INVALID_NUMBER;
            } else if (entry.timezone() != null && !SubmissionParser.isZone(entry.timezone())) {
                reason = Rejection.INVALID_TIMEZONE;
            } else if (entry.attributesJson() != null
                    && entry.attributesJson().getBytes(StandardCharsets.UTF_8).length > Limits.MAX_ATTRIBUTES_BYTES) {
                reason = Rejection.ATTRIBUTES_TOO_LARGE;
            } else if (!seen.add(number)) {
                reason = Rejection.DUPLICATE;
            }
            if (reason != null) {
                if (reason.equals(Rejection.DUPLICATE)) {
                    duplicate++;
                } else {
                    invalid++;
                }
                // An invalid entry is echoed as written, but never more than a prefix of it.
                rejections.add(new Rejection(entry.row(), number != null ? number : Echo.prefix(entry.phone()), reason));
                continue;
            }
            boolean onDnc = doNotCall.contains(number);
            if (onDnc) {
                suppressed++;
                rejections.add(new Rejection(entry.row(), number, Rejection.SUPPRESSED));
            }
            stored.add(new NewContact(UUID.randomUUID(), stored.size() + 1, entry.row(), number, entry.name(),
                    entry.timezone(), entry.attributesJson(), onDnc ? "SUPPRESSED" : "ACCEPTED"));
        }
        int received = entries.size();
        var counts = new ContactCounts(received, received - invalid - duplicate - suppressed, invalid, duplicate, suppressed);
        return new ScreenedContacts(stored, counts, rejections);
    }
}
