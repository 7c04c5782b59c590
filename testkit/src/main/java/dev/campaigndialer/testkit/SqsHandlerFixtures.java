package dev.campaigndialer.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.function.Supplier;

/**
 * Feeds an SQS-consuming handler the event fixtures of its test ({@code /events/<name>}, read by
 * {@link LambdaEvents}) and answers what the event source mapping would act on: the ids of the
 * messages the handler reported failed in its partial batch response (they return to the queue;
 * every other message of the batch is deleted).
 *
 * <p>Each call gets a fresh context from {@code contexts}, as each invocation gets its own deadline.
 */
public final class SqsHandlerFixtures {

    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Supplier<? extends Context> contexts;

    public SqsHandlerFixtures(RequestHandler<SQSEvent, SQSBatchResponse> handler, Supplier<? extends Context> contexts) {
        this.handler = handler;
        this.contexts = contexts;
    }

    /** Invokes the handler with the fixture's event; returns the message ids it reported failed, in order. */
    public List<String> failedMessageIds(String fixture) {
        SQSBatchResponse response = handler.handleRequest(LambdaEvents.fromResource(fixture, SQSEvent.class), contexts.get());
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
