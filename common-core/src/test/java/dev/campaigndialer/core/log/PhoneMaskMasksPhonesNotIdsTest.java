package dev.campaigndialer.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule for free text in logs: a phone-shaped value keeps only its last four digits; an id
 * (a UUID, a hex digest) stays whole, so log lines can still be joined by it.
 */
class PhoneMaskMasksPhonesNotIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # free text                                                    | logged as
            dialling +14155550101                                          | dialling +*******0101
            Key (phone_e164)=(+14155550101) already exists                 | Key (phone_e164)=(+*******0101) already exists
            call (415) 555-0101 now                                        | call (***) ***-0101 now
            415.555.0101                                                   | ***.***.0101
            +44 20 7946 0000                                               | +** ** **** 0000
            two: 4155550101 and 2125550102                                 | two: ******0101 and ******0102
            campaignId a7c12345-86f0-4e1b-9d2a-1234567890ab                 | campaignId a7c12345-86f0-4e1b-9d2a-1234567890ab
            all-digit uuid 12345678-1234-1234-1234-123456789012            | all-digit uuid 12345678-1234-1234-1234-123456789012
            upper-case UUID A7C12345-86F0-4E1B-9D2A-1234567890AB ok         | upper-case UUID A7C12345-86F0-4E1B-9D2A-1234567890AB ok
            sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 | sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            task 0b6d1f3e-0000-4000-8000-000000000001 for +12125550147      | task 0b6d1f3e-0000-4000-8000-000000000001 for +*******0147
            port 5432, 20 tasks, year 2026                                 | port 5432, 20 tasks, year 2026
            """)
    void masksPhoneShapedValuesOnly(String text, String logged) {
        assertThat(PhoneMask.maskAll(text)).isEqualTo(logged);
    }
}
