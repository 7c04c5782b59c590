package dev.campaigndialer.core.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.campaigndialer.core.json.Json;

/** Reading and writing queue messages. */
public final class Messages {

    private Messages() {
    }

    public static String write(Message message) {
        try {
            return Json.mapper().writerFor(Message.class).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + message, e);
        }
    }

    /** Parses and validates a body, expecting one message type; anything else is poison. */
    public static <T extends Message> T read(String body, Class<T> expected) {
        Message message;
        try {
            message = Json.mapper().readValue(body, Message.class);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("unreadable message: " + e.getOriginalMessage());
        }
        if (message.version() != Message.CURRENT_VERSION) {
            throw new PoisonMessageException("unsupported message version " + message.version());
        }
        if (!expected.isInstance(message)) {
            throw new PoisonMessageException("expected " + expected.getSimpleName() + " but got "
                    + message.getClass().getSimpleName());
        }
        message.validate();
        return expected.cast(message);
    }
}
