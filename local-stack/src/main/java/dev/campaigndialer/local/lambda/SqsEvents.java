package dev.campaigndialer.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.campaigndialer.core.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The JSON Lambda's SQS event source mapping sends a function, and how it reads the partial batch
 * response the function returns.
 */
public final class SqsEvents {

    private SqsEvents() {
    }

    /** An SQS event ({@code {"Records": [...]}}) for a received batch, exactly as Lambda shapes it. */
    public static String event(List<Message> messages, String queueArn) {
        ObjectNode event = Json.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LambdaContexts.REGION);
        }
        return event.toString();
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("stringValue", value.stringValue());
        node.put("binaryValue", value.binaryValue() == null ? null
                : Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().forEach(bytes -> binaries.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
        node.put("dataType", value.dataType());
        return node;
    }

    /**
     * The message ids a partial batch response reports as failed, or empty when Lambda would treat
     * the response as a failure of the whole batch. Lambda's rules (ReportBatchItemFailures): an
     * empty or null response, or a null or empty {@code batchItemFailures}, is complete success; a
     * response that is not valid JSON, or a failure whose {@code itemIdentifier} is null, empty or
     * not a message id of the batch, fails the whole batch.
     */
    public static Optional<Set<String>> failedMessageIds(String responseJson, List<Message> batch) {
        if (responseJson == null || responseJson.isBlank() || responseJson.equals("null")) {
            return Optional.of(Set.of());
        }
        JsonNode response;
        try {
            response = Json.mapper().readTree(responseJson);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (response == null || response.isNull() || (response.isObject() && response.isEmpty())) {
            return Optional.of(Set.of());
        }
        if (!response.isObject()) {
            return Optional.empty();
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Optional.of(Set.of());
        }
        if (!failures.isArray()) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        Set<String> inBatch = new LinkedHashSet<>();
        batch.forEach(message -> inBatch.add(message.messageId()));
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !inBatch.contains(id.asText())) {
                return Optional.empty();
            }
            ids.add(id.asText());
        }
        return Optional.of(ids);
    }

    /** The messages to delete: all but the failed ones. */
    public static List<Message> succeeded(List<Message> batch, Set<String> failedIds) {
        List<Message> succeeded = new ArrayList<>();
        for (Message message : batch) {
            if (!failedIds.contains(message.messageId())) {
                succeeded.add(message);
            }
        }
        return succeeded;
    }
}
