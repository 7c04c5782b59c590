package dev.campaigndialer.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.campaigndialer.core.log.JsonLog;
import dev.campaigndialer.core.metrics.Metrics;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every handler does around its work, in one place: the request id in the JSON log context,
 * the connect deadline (the invocation's end) on the database, the invocation's metrics flushed
 * at the end, and an optional {@link InvocationHook}. Every handler, SQS or not, runs its work
 * through one of these. Immutable and thread-safe.
 */
public final class LambdaInvocations {

    private final String function;
    private final ConnectDeadline database;
    private final InvocationHook hook;

    private LambdaInvocations(String function, ConnectDeadline database, InvocationHook hook) {
        this.function = Objects.requireNonNull(function, "function");
        this.database = Objects.requireNonNull(database, "database");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** Invocations of {@code function} (its name in Terraform: the metrics' dimension). */
    public static LambdaInvocations of(String function, ConnectDeadline database) {
        return new LambdaInvocations(function, database, InvocationHook.NONE);
    }

    /** The same, with {@code hook} measuring every invocation. */
    public LambdaInvocations measuring(InvocationHook hook) {
        return new LambdaInvocations(function, database, hook);
    }

    public String function() {
        return function;
    }

    /** Runs {@code work} as one invocation described by Lambda's {@code context}. */
    public <R> R run(Context context, Function<Invocation, R> work) {
        String requestId = context.getAwsRequestId();
        var invocation = new Invocation(requestId, Deadlines.of(context),
                Metrics.of(function).property("requestId", requestId));
        JsonLog.clearContext();
        JsonLog.put("requestId", requestId);
        database.connectDeadline(invocation.deadline());
        Consumer<Metrics> measured = hook.start();
        try {
            return work.apply(invocation);
        } finally {
            JsonLog.clearContext();
            measured.accept(invocation.metrics());
            invocation.metrics().flush();
            database.connectDeadline(null);
        }
    }
}
