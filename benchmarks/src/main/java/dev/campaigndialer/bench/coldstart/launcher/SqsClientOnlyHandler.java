package dev.campaigndialer.bench.coldstart.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.config.Env;
import dev.campaigndialer.core.sqs.SqsClients;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The coldstart benchmark's floor: an SQS-triggered handler that builds the SQS client every
 * function builds (common-core's {@code SqsClients}: UrlConnection HTTP client) and does nothing
 * else. It runs on a function's jar, so the SDK classes are that jar's. What a function costs
 * above this is its own start-up work: database, other clients, its libraries.
 */
public final class SqsClientOnlyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    // Kept, as a function keeps its clients for the container's later invocations.
    private final SqsClient sqs;

    public SqsClientOnlyHandler() {
        this.sqs = SqsClients.fromEnvironment(Env.system());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return new SQSBatchResponse(List.of());
    }
}
