package dev.campaigndialer.core.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.campaigndialer.core.lambda.ConnectDeadline;
import dev.campaigndialer.core.lambda.Invocation;
import dev.campaigndialer.core.lambda.InvocationHook;
import dev.campaigndialer.core.lambda.LambdaInvocations;
import dev.campaigndialer.core.message.PoisonMessageException;
import java.util.List;
import java.util.Map;

/**
 * The one shape of an SQS handler: the invocation's frame ({@link LambdaInvocations}: request id
 * in the log, connect deadline, metrics), the message type (a {@link Reader}), and the batch mode
 * ({@link BatchProcessor}: partial batch failures, each message alone or the readable ones
 * together). A handler is its construction plus {@code handle}. Immutable and thread-safe.
 *
 * @param <T> what a message carries once read (a task id, a campaign id, a status item)
 */
public final class SqsBatchHandler<T> {

    /** Reads one message body; a {@link PoisonMessageException} fails that message alone. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String body, Invocation invocation);
    }

    /** Work for one message; any exception fails that message alone. */
    @FunctionalInterface
    public interface EachWork<T> {
        void process(T item, Invocation invocation) throws Exception;
    }

    /** Work for the readable messages of a batch together, with a result per distinct item. */
    @FunctionalInterface
    public interface BatchWork<T> {
        Map<T, ? extends BatchProcessor.ItemResult> process(List<T> items, Invocation invocation) throws Exception;
    }

    private static final BatchProcessor BATCH = new BatchProcessor();

    private final LambdaInvocations invocations;
    private final Mode<T> mode;

    private interface Mode<T> {
        SQSBatchResponse process(SQSEvent event, Context context, Invocation invocation);
    }

    private SqsBatchHandler(LambdaInvocations invocations, Mode<T> mode) {
        this.invocations = invocations;
        this.mode = mode;
    }

    /** Each message on its own: one failure never touches its neighbours' work. */
    public static <T> SqsBatchHandler<T> eachMessage(String function, ConnectDeadline database, Reader<T> reader,
            EachWork<T> work) {
        return new SqsBatchHandler<>(LambdaInvocations.of(function, database), (event, context, invocation) ->
                BATCH.process(event, context, message -> work.process(reader.read(message.getBody(), invocation), invocation)));
    }

    /** The readable messages together (set-based statements); messages carrying the same item share its result. */
    public static <T> SqsBatchHandler<T> together(String function, ConnectDeadline database, Reader<T> reader,
            BatchWork<T> work) {
        return new SqsBatchHandler<>(LambdaInvocations.of(function, database), (event, context, invocation) ->
                BATCH.processTogether(event, context, message -> reader.read(message.getBody(), invocation),
                        items -> work.process(items, invocation)));
    }

    /** The same handler, with {@code hook} measuring every invocation. */
    public SqsBatchHandler<T> measuring(InvocationHook hook) {
        return new SqsBatchHandler<>(invocations.measuring(hook), mode);
    }

    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return invocations.run(context, invocation -> mode.process(event, context, invocation));
    }
}
