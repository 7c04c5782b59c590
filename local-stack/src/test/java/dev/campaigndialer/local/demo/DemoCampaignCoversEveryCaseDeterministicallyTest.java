package dev.campaigndialer.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.campaigndialer.local.demo.DemoCampaign.Entry;
import dev.campaigndialer.local.demo.DemoCampaign.Kind;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The demo campaign is the same for the same seed, has every last digit, invalid numbers (invalid
 * by libphonenumber, as the intake judges them), an invalid timezone, duplicates that follow their
 * original, DNC numbers, and numbers in six US zones; what the generator says an entry is, is what
 * the intake will make of it.
 */
class DemoCampaignCoversEveryCaseDeterministicallyTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    @Test
    void theSameSeedGivesTheSameCampaignAndAnotherSeedAnotherOne() {
        assertThat(DemoCampaign.generate(1000, 42).requestJson()).isEqualTo(DemoCampaign.generate(1000, 42).requestJson());
        assertThat(DemoCampaign.generate(1000, 7).requestJson()).isNotEqualTo(DemoCampaign.generate(1000, 42).requestJson());
    }

    @Test
    void theLargestDemoCampaignFitsInOneApiRequest() {
        // API.md: a body over 6 MB is refused with 413; `demo --contacts 100000` must not be.
        assertThat(DemoCampaign.generate(100_000, 42).requestJson().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(6 * 1024 * 1024);
    }

    @Test
    void aThousandContactsMixEveryCase() {
        DemoCampaign campaign = DemoCampaign.generate(1000, 42);

        assertThat(campaign.entries()).hasSize(1000);
        assertThat(campaign.entries(Kind.INVALID_NUMBER)).hasSize(30);
        assertThat(campaign.entries(Kind.INVALID_TIMEZONE)).hasSize(5);
        assertThat(campaign.entries(Kind.DUPLICATE)).hasSize(20);
        assertThat(campaign.entries(Kind.SUPPRESSED)).hasSize(20);
        assertThat(campaign.entries(Kind.ACCEPTED)).hasSize(925);
        assertThat(campaign.entries(Kind.ACCEPTED).stream().map(Entry::lastDigit).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(campaign.entries(Kind.ACCEPTED).stream().map(entry -> entry.e164().substring(2, 5))
                .collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(DemoCampaign.AREA_CODES);
        assertThat(campaign.entries(Kind.ACCEPTED).stream().filter(entry -> entry.timezone() != null)).isNotEmpty();
        assertThat(campaign.doNotCallNumbers()).hasSize(20);
    }

    @Test
    void whatTheGeneratorSaysIsWhatTheIntakeWillFind() {
        for (int contacts : List.of(1, 10, 20, 99, 1000, 10_000)) {
            DemoCampaign campaign = DemoCampaign.generate(contacts, contacts);
            Set<String> seen = new HashSet<>();
            for (Entry entry : campaign.entries()) {
                switch (entry.kind()) {
                    case INVALID_NUMBER -> assertThat(valid(entry.phone())).as(entry.phone()).isFalse();
                    case DUPLICATE -> {
                        assertThat(e164(entry.phone())).isEqualTo(entry.e164());
                        assertThat(seen).as("a duplicate follows its original").contains(entry.e164());
                    }
                    default -> {
                        assertThat(valid(entry.phone())).as(entry.phone()).isTrue();
                        assertThat(e164(entry.phone())).isEqualTo(entry.e164());
                        assertThat(seen.add(entry.e164())).as("unique: " + entry.e164()).isTrue();
                        if (entry.kind() == Kind.INVALID_TIMEZONE) {
                            assertThat(ZoneId.getAvailableZoneIds()).doesNotContain(entry.timezone());
                        } else if (entry.timezone() != null) {
                            assertThat(ZoneId.getAvailableZoneIds()).contains(entry.timezone());
                        }
                    }
                }
            }
            assertThat(campaign.entries()).extracting(Entry::row)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, contacts).boxed().toList());
            assertThat(campaign.entries(Kind.ACCEPTED)).as("always something to dial").isNotEmpty();
        }
    }

    private static boolean valid(String phone) {
        try {
            return PHONES.isValidNumber(PHONES.parse(phone, "US"));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static String e164(String phone) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(phone, "US");
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new AssertionError(phone, e);
        }
    }
}
