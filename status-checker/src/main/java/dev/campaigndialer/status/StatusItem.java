package dev.campaigndialer.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.message.DialTaskMessage;
import dev.campaigndialer.core.message.Messages;
import dev.campaigndialer.core.message.PoisonMessageException;
import dev.campaigndialer.core.telephony.ConnectContactEvent;
import java.util.UUID;

/**
 * One message of the status queue, which carries two shapes: our own "check this task's call"
 * message ({@link DialTaskMessage}, sent by the dialer without contact events, by the minute sweep
 * and by status-checker itself), and Amazon Connect contact events in EventBridge's envelope, which
 * the EventBridge rule puts on the same queue.
 */
sealed interface StatusItem {

    /** Poll this task's call. */
    record TaskCheck(UUID taskId) implements StatusItem {
    }

    /** Connect reports this about a contact. */
    record ContactEvent(ConnectContactEvent event) implements StatusItem {
    }

    /** Reads a message body of either shape; anything else is a poison message. */
    static StatusItem read(String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("unreadable message: " + e.getOriginalMessage());
        }
        if (ConnectContactEvent.isContactEvent(root)) {
            return new ContactEvent(ConnectContactEvent.of(root));
        }
        return new TaskCheck(Messages.read(body, DialTaskMessage.class).taskId());
    }
}
