package dev.campaigndialer.local.lambda;

import dev.campaigndialer.core.json.Json;
import dev.campaigndialer.core.log.JsonLog;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The EventBridge schedule of the minute sweep, run every few seconds locally: each tick invokes
 * the function synchronously with a {@code Scheduled Event} JSON; a tick that comes while the last
 * sweep still runs is skipped. The function's result is opaque JSON, written to the log.
 */
public final class MinuteSweepTimer implements AutoCloseable {

    private static final JsonLog LOG = JsonLog.forClass(MinuteSweepTimer.class);

    private final FunctionRuntime function;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private MinuteSweepTimer(FunctionRuntime function, Clock clock) {
        this.function = function;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eventbridge-minute-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static MinuteSweepTimer start(FunctionRuntime function, Clock clock, Duration interval) {
        var sweep = new MinuteSweepTimer(function, clock);
        sweep.timer.scheduleWithFixedDelay(sweep::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return sweep;
    }

    /** The EventBridge event for a scheduled rule firing now. */
    static String scheduledEvent(Clock clock) {
        ObjectNode event = Json.mapper().createObjectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", LambdaContexts.ACCOUNT)
                .put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", LambdaContexts.REGION);
        event.putArray("resources").add("arn:aws:events:" + LambdaContexts.REGION + ":" + LambdaContexts.ACCOUNT
                + ":rule/campaign-dialer-local-minute-sweep");
        event.putObject("detail");
        return event.toString();
    }

    private void tick() {
        try {
            LOG.info("minute sweep", "result", function.invokeSync(scheduledEvent(clock)));
        } catch (FunctionException e) {
            LOG.error("minute sweep failed", e, "kind", e.kind().name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("minute sweep failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
