package dev.campaigndialer.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The demo's campaign, generated deterministically from a contact count and a seed: every last
 * digit of the simulated carrier (so every outcome and retry path), numbers in six US time zones
 * (New York, Chicago, Denver, Los Angeles, Honolulu, Anchorage) and some with an explicit
 * timezone, plus invalid numbers, an invalid timezone, duplicates and numbers on the owner's DNC
 * list. Each entry knows what it is, so the expected report can be computed without the system.
 */
public final class DemoCampaign {

    /** What the intake should make of an entry. */
    public enum Kind {
        ACCEPTED, INVALID_NUMBER, INVALID_TIMEZONE, DUPLICATE, SUPPRESSED
    }

    /**
     * One submitted contact.
     *
     * @param row      1-based position in the submitted list
     * @param phone    as written in the request
     * @param e164     the number it normalises to; null for an invalid number
     * @param timezone the entry's explicit timezone, or null
     */
    public record Entry(int row, String phone, String e164, String name, String timezone, Kind kind) {

        /** The simulated carrier's last digit. */
        public int lastDigit() {
            return e164.charAt(e164.length() - 1) - '0';
        }
    }

    public static final String OWNER = "demo";
    public static final String CALLER_ID = "+14155550100";
    public static final int MAX_ATTEMPTS = 3;
    public static final int BACKOFF_SECONDS = 0;
    public static final List<String> RETRY_ON = List.of("BUSY", "NO_ANSWER", "FAILED");
    public static final int MAX_CONCURRENT_CALLS = 200;
    public static final String WINDOW_START = "09:00";
    public static final String WINDOW_END = "20:00";

    /** New York, Chicago, Denver, San Francisco, Honolulu, Anchorage. */
    static final List<String> AREA_CODES = List.of("212", "312", "303", "415", "808", "907");
    private static final List<String> INVALID_NUMBERS = List.of(
            "12", "555-0100", "+1 (123) 456-7890", "not a phone", "+1 212 23", "000-000-0000", "+44 20 7946");
    private static final String INVALID_TIMEZONE = "Mars/Olympus_Mons";

    private final int contacts;
    private final long seed;
    private final List<Entry> entries;

    private DemoCampaign(int contacts, long seed, List<Entry> entries) {
        this.contacts = contacts;
        this.seed = seed;
        this.entries = List.copyOf(entries);
    }

    /** @param contacts 1 to 100,000 entries */
    public static DemoCampaign generate(int contacts, long seed) {
        if (contacts < 1 || contacts > 100_000) {
            throw new IllegalArgumentException("contacts must be 1..100000, was " + contacts);
        }
        Random random = new Random(seed);
        boolean withRejections = contacts >= 20;
        int invalidNumbers = withRejections ? contacts * 3 / 100 : 0;
        int invalidTimezones = contacts >= 100 ? contacts / 200 : 0;
        int duplicates = withRejections ? contacts * 2 / 100 : 0;
        int suppressed = withRejections ? contacts * 2 / 100 : 0;
        int unique = contacts - invalidNumbers - duplicates;

        // Unique numbers: blocks of ten consecutive numbers share an area code and cover all ten
        // last digits; the exchange moves with the seed so different seeds dial different numbers.
        int exchangeBase = 230 + (int) Math.floorMod(seed, 50L);
        List<Draft> drafts = new ArrayList<>();
        for (int k = 0; k < unique; k++) {
            String area = AREA_CODES.get((k / 10) % AREA_CODES.size());
            String exchange = Integer.toString(exchangeBase + k / 10_000);
            String line = String.format("%04d", k % 10_000);
            drafts.add(new Draft(area, exchange, line));
        }
        Collections.shuffle(drafts, random);

        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            Kind kind = i < suppressed ? Kind.SUPPRESSED : i < suppressed + invalidTimezones ? Kind.INVALID_TIMEZONE
                    : Kind.ACCEPTED;
            String timezone = switch (kind) {
                case INVALID_TIMEZONE -> INVALID_TIMEZONE;
                case ACCEPTED -> explicitTimezone(draft, i);
                default -> null;
            };
            list.add(new Entry(0, draft.written(random.nextInt(4)), draft.e164(), null, timezone, kind));
        }
        Collections.shuffle(list, random);

        for (int i = 0; i < invalidNumbers; i++) {
            String phone = INVALID_NUMBERS.get(i % INVALID_NUMBERS.size());
            list.add(random.nextInt(list.size() + 1), new Entry(0, phone, null, null, null, Kind.INVALID_NUMBER));
        }
        for (int i = 0; i < duplicates; i++) {
            int original;
            do {
                original = random.nextInt(list.size());
            } while (list.get(original).kind() != Kind.ACCEPTED);
            Entry first = list.get(original);
            String again = first.phone().startsWith("+") ? nationalFormat(first.e164()) : first.e164();
            int position = original + 1 + random.nextInt(list.size() - original);
            list.add(position, new Entry(0, again, first.e164(), null, null, Kind.DUPLICATE));
        }

        List<Entry> numbered = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Entry entry = list.get(i);
            numbered.add(new Entry(i + 1, entry.phone(), entry.e164(), "Contact " + (i + 1),
                    entry.timezone(), entry.kind()));
        }
        return new DemoCampaign(contacts, seed, numbered);
    }

    /** Some contacts name their zone; it always agrees with where the number is, or is Phoenix (no DST). */
    private static String explicitTimezone(Draft draft, int index) {
        if (index % 13 == 0) {
            return "America/Phoenix";
        }
        if (index % 7 == 0) {
            return switch (draft.area()) {
                case "212" -> "America/New_York";
                case "312" -> "America/Chicago";
                case "303" -> "America/Denver";
                case "415" -> "America/Los_Angeles";
                case "808" -> "Pacific/Honolulu";
                default -> "America/Anchorage";
            };
        }
        return null;
    }

    private static String nationalFormat(String e164) {
        String digits = e164.substring(2);
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    private record Draft(String area, String exchange, String line) {
        String e164() {
            return "+1" + area + exchange + line;
        }

        String written(int style) {
            return switch (style) {
                case 0 -> e164();
                case 1 -> "(" + area + ") " + exchange + "-" + line;
                case 2 -> area + "-" + exchange + "-" + line;
                default -> "+1 " + area + " " + exchange + " " + line;
            };
        }
    }

    public int contacts() {
        return contacts;
    }

    public long seed() {
        return seed;
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Entry> entries(Kind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).toList();
    }

    /** The numbers to put on the owner's DNC list before submitting (E.164). */
    public List<String> doNotCallNumbers() {
        return entries(Kind.SUPPRESSED).stream().map(Entry::e164).toList();
    }

    public String name() {
        return "Local demo: " + contacts + " contacts, seed " + seed;
    }

    /** The {@code POST /campaigns} body. */
    public String requestJson() {
        return requestJson(MAX_CONCURRENT_CALLS);
    }

    /** The {@code POST /campaigns} body with this pacing limit. */
    public String requestJson(int maxConcurrentCalls) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("name", name());
        body.put("callerId", CALLER_ID);
        body.put("defaultRegion", "US");
        body.put("timezone", "America/New_York");
        body.putObject("callingWindow").put("start", WINDOW_START).put("end", WINDOW_END);
        ObjectNode retry = body.putObject("retry");
        retry.put("maxAttempts", MAX_ATTEMPTS).put("backoffSeconds", BACKOFF_SECONDS);
        ArrayNode on = retry.putArray("on");
        RETRY_ON.forEach(on::add);
        body.put("maxConcurrentCalls", maxConcurrentCalls);
        ArrayNode contactsNode = body.putArray("contacts");
        for (Entry entry : entries) {
            ObjectNode contact = contactsNode.addObject();
            contact.put("phone", entry.phone());
            contact.put("name", entry.name());
            if (entry.timezone() != null) {
                contact.put("timezone", entry.timezone());
            }
            // Attributes on every tenth contact: enough to show them in the CSV report, and a
            // 100,000-contact request stays under API Gateway's 6 MB.
            if (entry.row() % 10 == 1) {
                contact.putObject("attributes").put("source", "demo").put("row", entry.row());
            }
        }
        return body.toString();
    }
}
