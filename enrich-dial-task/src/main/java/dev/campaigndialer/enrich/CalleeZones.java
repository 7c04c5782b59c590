package dev.campaigndialer.enrich;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.List;

/**
 * Where a callee is: their own time zone when the contact gives one, else every zone
 * libphonenumber maps the number to, else the campaign's zone. Thread-safe.
 */
public final class CalleeZones {

    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();

    public List<ZoneId> resolve(String e164, String contactZone, String campaignZone) {
        if (contactZone != null) {
            return List.of(ZoneId.of(contactZone));
        }
        List<ZoneId> mapped = parse(e164) == null ? List.of() : zones.getTimeZonesForNumber(parse(e164)).stream()
                .filter(zone -> !zone.equals(UNKNOWN) && ZoneId.getAvailableZoneIds().contains(zone))
                .map(ZoneId::of)
                .toList();
        return mapped.isEmpty() ? List.of(ZoneId.of(campaignZone)) : mapped;
    }

    /** FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, VOIP, TOLL_FREE ... (libphonenumber's PhoneNumberType). */
    public String lineType(String e164) {
        PhoneNumber number = parse(e164);
        return number == null ? "UNKNOWN" : phones.getNumberType(number).name();
    }

    private PhoneNumber parse(String e164) {
        try {
            return phones.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }
}
