package dev.campaigndialer.core.lambda;

import dev.campaigndialer.core.metrics.Metrics;
import java.util.function.Consumer;

/**
 * Something measured over a whole invocation (Connect's throttled requests, say): {@link #start()}
 * runs before the work and returns what records the measurement into the invocation's metrics
 * after it, whether the work succeeded or not.
 */
@FunctionalInterface
public interface InvocationHook {

    InvocationHook NONE = () -> metrics -> {
    };

    Consumer<Metrics> start();
}
