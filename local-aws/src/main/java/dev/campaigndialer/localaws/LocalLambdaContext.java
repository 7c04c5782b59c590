package dev.campaigndialer.localaws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A real Lambda {@link Context} for a handler invoked outside a Lambda runtime (handler tests,
 * benchmarks): a fresh request id and a remaining time that counts down from the function's
 * timeout, as in AWS. Handlers never see {@code null}, so they need no branch for it. Immutable
 * and thread-safe.
 */
public record LocalLambdaContext(String functionName, String awsRequestId, long deadlineMillis, int memoryMb)
        implements Context {

    /** One invocation of {@code function} with {@code timeout} left, starting now. */
    public static LocalLambdaContext of(String function, Duration timeout) {
        return new LocalLambdaContext(function, UUID.randomUUID().toString(),
                System.currentTimeMillis() + timeout.toMillis(), 512);
    }

    /** One invocation with the 60-second timeout the queue functions have in Terraform. */
    public static LocalLambdaContext of(String function) {
        return of(function, Duration.ofSeconds(60));
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test/[$LATEST]" + awsRequestId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
