package dev.campaigndialer.local.stack;

import dev.campaigndialer.core.queue.QueueSettings;
import dev.campaigndialer.local.lambda.Faults;
import dev.campaigndialer.local.lambda.FunctionException;
import dev.campaigndialer.local.lambda.FunctionRuntime;
import dev.campaigndialer.local.lambda.LocalFunctions;
import dev.campaigndialer.local.lambda.SqsEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An SQS event source mapping per queue whose consuming function is loaded: batches of the queue's
 * {@code batchSize} to that function, with up to {@link StackSettings#containers} containers. Every
 * mapping shares one {@link Faults}, which injects nothing unless a fault test configures it, and
 * tells the listeners a test adds what it delivers and settles.
 */
final class Pollers implements AutoCloseable {

    private final List<SqsEventSource> sources = new ArrayList<>();
    private final Map<String, LongAdder> delivered = new ConcurrentHashMap<>();
    /** Injected into every event source mapping; injects nothing unless a fault test configures it. */
    private final Faults faults = new Faults();
    private final List<SqsEventSource.Listener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService settler = Executors.newCachedThreadPool(DaemonThreadFactory.named("esm-settle"));
    private final StackSettings settings;
    private final LocalSqs sqs;

    private Pollers(StackSettings settings, LocalSqs sqs) {
        this.settings = settings;
        this.sqs = sqs;
    }

    static Pollers start(StackSettings settings, LocalSqs sqs, LocalFunctionSet functions) {
        var pollers = new Pollers(settings, sqs);
        try {
            for (LocalQueues.Queue queue : sqs.queues().all()) {
                Optional<FunctionRuntime> consumer = functions.get(LocalFunctions.consumerOf(queue.settings().name()).name());
                consumer.ifPresent(function -> pollers.poll(queue, function));
            }
            return pollers;
        } catch (RuntimeException | Error e) {
            pollers.close();
            throw e;
        }
    }

    private void poll(LocalQueues.Queue queue, FunctionRuntime function) {
        QueueSettings queueSettings = queue.settings();
        var source = new SqsEventSource(sqs.client(), queueSettings.name(), queue.url(), queue.arn(),
                queueSettings.batchSize(), function, new SqsEventSource.Listener() {
                    @Override
                    public void delivered(String queueName, List<Message> batch) {
                        delivered.computeIfAbsent(queueName, name -> new LongAdder()).add(batch.size());
                        listeners.forEach(listener -> listener.delivered(queueName, batch));
                    }

                    @Override
                    public void settled(String queueName, List<Message> batch, List<Message> deleted,
                            Optional<FunctionException> error) {
                        listeners.forEach(listener -> listener.settled(queueName, batch, deleted, error));
                    }
                }, settler, faults);
        sources.add(source);
        source.start(settings.containers(queueSettings));
    }

    Faults faults() {
        return faults;
    }

    void addListener(SqsEventSource.Listener listener) {
        listeners.add(listener);
    }

    /** Messages delivered to functions so far, by queue (redeliveries included). */
    Map<String, Long> deliveredMessages() {
        Map<String, Long> counts = new TreeMap<>();
        delivered.forEach((queue, count) -> counts.put(queue, count.sum()));
        return counts;
    }

    String describe() {
        if (sources.isEmpty()) {
            return "none";
        }
        return sources.stream().map(source -> {
            QueueSettings queue = sqs.queues().queue(source.queue()).settings();
            int containers = settings.containers(queue);
            return source.queue() + " -> " + source.function().name() + " (batch " + queue.batchSize() + ", max "
                    + queue.maximumConcurrency()
                    + (containers < queue.maximumConcurrency() ? ", " + containers + " containers here" : "") + ")";
        }).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        for (int i = sources.size() - 1; i >= 0; i--) {
            sources.get(i).close();
        }
        settler.shutdownNow();
    }
}
