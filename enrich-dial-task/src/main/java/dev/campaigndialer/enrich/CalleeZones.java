package dev.campaigndialer.enrich;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Where a callee is: their own time zone when the contact gives one, else every zone
 * libphonenumber maps the number to, else the campaign's zone. Thread-safe.
 */
public final class CalleeZones {

    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();
    // ZoneId.getAvailableZoneIds() copies some 600 ids on every call: asked once, not per number.
    private static final Set<String> KNOWN_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();

    public List<ZoneId> resolve(String e164, String contactZone, String campaignZone) {
        if (contactZone != null) {
            return List.of(ZoneId.of(contactZone));
        }
        PhoneNumber number = parse(e164);
        List<ZoneId> mapped = number == null ? List.of() : zones.getTimeZonesForNumber(number).stream()
                .filter(zone -> !zone.equals(UNKNOWN) && KNOWN_ZONES.contains(zone))
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
