package dev.campaigndialer.validate.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The main-region shortcut in ContactScreening gives exactly libphonenumber's isValidNumber answer. */
class NumberValidityMatchesLibphonenumberTest {

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final ContactScreening screening = new ContactScreening();

    @Test
    void everyNumberNormalisesAsIsValidNumberDecides() {
        List<String> numbers = List.of(
                "(212) 555-0123", "+1 415 230 0001", "907-230-0009",     // US, main region of +1
                "+1 416 555 0199", "+1 604 230 1234",                    // Canada: +1, not the main region
                "+1 876 555 0123", "+1 268 464 1234", "+1 808 230 0001", // Jamaica, Antigua, Hawaii
                "+1 123 456 7890", "+1 555 555 5555", "+1 212 23",       // invalid in every +1 region
                "+44 20 7946 0958", "+44 1534 456789", "+44 7911 123456", // GB, Jersey (region after GB), mobile
                "+33 1 42 68 53 00", "+61 2 9374 4000", "+800 1234 5678", // France, Australia, non-geographic
                "12", "555-0100", "not a number");
        for (String number : numbers) {
            assertThat(screening.normalise(number, "US")).as(number).isEqualTo(reference(number, "US"));
        }
    }

    private Optional<String> reference(String raw, String region) {
        try {
            PhoneNumber number = phones.parse(raw, region);
            return phones.isValidNumber(number) ? Optional.of(phones.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
