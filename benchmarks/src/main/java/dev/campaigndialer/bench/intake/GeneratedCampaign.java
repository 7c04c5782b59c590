package dev.campaigndialer.bench.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A {@code POST /campaigns} body the way an owner's export looks: US numbers written four ways,
 * names, an explicit timezone on some contacts and a small attributes object on some, plus the
 * usual dirt (3 % unparseable numbers, 2 % duplicates written differently, 2 % numbers on the
 * owner's DNC list). Unique numbers come in blocks of ten covering every last digit, so the
 * simulated carrier's outcomes are evenly mixed. Deterministic for a given size and seed.
 *
 * @param body       the JSON request body
 * @param doNotCall  E.164 numbers to put on the owner's DNC list before submitting
 */
public record GeneratedCampaign(int contacts, String body, List<String> doNotCall) {

    private static final List<String> AREA_CODES = List.of("212", "312", "303", "415", "808", "907");
    private static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage");
    private static final List<String> INVALID = List.of("12", "555-0100", "+1 (123) 456-7890", "n/a", "+1 212 23");

    public static GeneratedCampaign of(int contacts, long seed) {
        Random random = new Random(seed);
        int invalid = contacts * 3 / 100;
        int duplicates = contacts * 2 / 100;
        int unique = contacts - invalid - duplicates;

        List<Number> numbers = new ArrayList<>(unique);
        for (int k = 0; k < unique; k++) {
            numbers.add(new Number((k / 10) % AREA_CODES.size(), 230 + k / 10_000, k % 10_000));
        }
        Collections.shuffle(numbers, random);
        // Spread over the list, as an owner's DNC list falls on any of their customers.
        int listed = contacts * 2 / 100;
        List<String> doNotCall = IntStream.range(0, listed).mapToObj(i -> numbers.get(i * (unique / listed)).e164())
                .toList();

        List<Entry> entries = new ArrayList<>(contacts);
        for (Number number : numbers) {
            entries.add(new Entry(number.written(random.nextInt(4)), number.area()));
        }
        for (int i = 0; i < duplicates; i++) {
            // The same number again later in the list, in another format: only normalisation finds it.
            int original = random.nextInt(entries.size());
            Number again = Number.parse(entries.get(original).phone());
            entries.add(original + 1 + random.nextInt(entries.size() - original),
                    new Entry(again.written(random.nextInt(4)), again.area()));
        }
        for (int i = 0; i < invalid; i++) {
            entries.add(random.nextInt(entries.size() + 1), new Entry(INVALID.get(i % INVALID.size()), 0));
        }
        return new GeneratedCampaign(contacts, body(entries), doNotCall);
    }

    private static String body(List<Entry> entries) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("name", "Intake benchmark: " + entries.size() + " contacts");
        body.put("callerId", "+14155550100");
        body.putObject("retry").put("maxAttempts", 3).put("backoffSeconds", 900);
        body.put("maxConcurrentCalls", 50);
        ArrayNode contacts = body.putArray("contacts");
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            ObjectNode contact = contacts.addObject().put("phone", entry.phone()).put("name", "Contact " + (i + 1));
            if (i % 5 == 0) {
                contact.put("timezone", ZONES.get(entry.area()));
            }
            if (i % 10 == 0) {
                contact.putObject("attributes").put("plan", i % 20 == 0 ? "gold" : "basic");
            }
        }
        return body.toString();
    }

    public int bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One entry of the list: the phone as written and the zone of its area code (index). */
    private record Entry(String phone, int area) {
    }

    /** A unique US number: area code index, exchange, line. */
    private record Number(int area, int exchange, int line) {

        String e164() {
            return "+1" + AREA_CODES.get(area) + exchange + String.format("%04d", line);
        }

        String written(int style) {
            String areaCode = AREA_CODES.get(area);
            String lineDigits = String.format("%04d", line);
            return switch (style) {
                case 0 -> e164();
                case 1 -> "(" + areaCode + ") " + exchange + "-" + lineDigits;
                case 2 -> areaCode + "-" + exchange + "-" + lineDigits;
                default -> "+1 " + areaCode + " " + exchange + " " + lineDigits;
            };
        }

        static Number parse(String written) {
            String digits = written.replaceAll("\\D", "");
            String national = digits.length() == 11 ? digits.substring(1) : digits;
            return new Number(AREA_CODES.indexOf(national.substring(0, 3)), Integer.parseInt(national.substring(3, 6)),
                    Integer.parseInt(national.substring(6)));
        }
    }
}
