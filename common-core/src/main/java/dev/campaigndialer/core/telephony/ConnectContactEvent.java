package dev.campaigndialer.core.telephony;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.message.PoisonMessageException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An "Amazon Connect Contact Event" as an EventBridge rule delivers it to an SQS queue: the
 * EventBridge envelope ({@code version}, {@code id}, {@code detail-type}, {@code source} =
 * {@code aws.connect}, {@code time}, {@code resources}) around the contact's {@code detail}.
 * Source: "Amazon Connect contact events",
 * https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html (data model, contact
 * timestamps and the sample events), and "Amazon Connect events",
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-connect.html (delivery: best effort).
 *
 * <p>What this reads of {@code detail}: {@code eventType} (INITIATED, CONNECTED_TO_SYSTEM,
 * DISCONNECTED, COMPLETED, ...), {@code contactId}, {@code instanceArn}, the ISO-8601 timestamps
 * {@code connectedToSystemTimestamp} and {@code disconnectTimestamp}, {@code
 * answeringMachineDetectionStatus} and {@code disconnectReason} (a string, or an object with a
 * {@code code}). AWS's own samples spell keys both {@code contactId} and {@code ContactId}, so keys
 * are matched without regard to case; fields this class does not know are ignored, as the page
 * asks of consumers. The outcome comes from {@link ConnectOutcomes}, the same table that maps a
 * {@code DescribeContact} response, so both sources of a call's status agree by construction.
 */
public record ConnectContactEvent(String eventId, String eventType, String contactId, String instanceArn,
        Instant connectedToSystem, Instant disconnected, String amdStatus, String disconnectReason) {

    public static final String SOURCE = "aws.connect";
    public static final String DETAIL_TYPE = "Amazon Connect Contact Event";

    /** True when this message body is an EventBridge contact event (not one of our own messages). */
    public static boolean isContactEvent(JsonNode body) {
        return body != null && body.isObject() && DETAIL_TYPE.equals(body.path("detail-type").asText(null))
                && SOURCE.equals(body.path("source").asText(null));
    }

    /** Reads a message body; anything that is not a readable contact event is a poison message. */
    public static ConnectContactEvent read(String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("unreadable contact event: " + e.getOriginalMessage());
        }
        return of(root);
    }

    /** The event in an already parsed body. */
    public static ConnectContactEvent of(JsonNode root) {
        if (!isContactEvent(root)) {
            throw new PoisonMessageException("not an Amazon Connect contact event");
        }
        JsonNode detail = root.path("detail");
        String contactId = text(detail, "contactId");
        String eventType = text(detail, "eventType");
        if (contactId == null || eventType == null) {
            throw new PoisonMessageException("contact event without contactId or eventType");
        }
        JsonNode reason = field(detail, "disconnectReason");
        String disconnectReason = reason == null ? null
                : reason.isObject() ? text(reason, "code") : reason.isTextual() ? reason.asText() : null;
        return new ConnectContactEvent(root.path("id").asText(null), eventType.toUpperCase(Locale.ROOT), contactId,
                text(detail, "instanceArn"), instant(detail, "connectedToSystemTimestamp"),
                instant(detail, "disconnectTimestamp"), text(detail, "answeringMachineDetectionStatus"),
                disconnectReason);
    }

    /** The contact's state as this event shows it: IN_PROGRESS until it carries a disconnect timestamp. */
    public CallStatus status() {
        return ConnectOutcomes.of(connectedToSystem, disconnected, amdStatus, disconnectReason);
    }

    /** The same mapping, with an AMD verdict an earlier event (CONNECTED_TO_SYSTEM) carried when this one has none. */
    public CallStatus status(Optional<String> earlierAmdStatus) {
        return ConnectOutcomes.of(connectedToSystem, disconnected,
                amdStatus != null ? amdStatus : earlierAmdStatus.orElse(null), disconnectReason);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("contact event with a malformed " + name + ": " + value);
        }
    }
}
