package dev.campaigndialer.local.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Faults the event source mappings inject on purpose, for the fault tests: what AWS may do to a
 * function (deliver a message twice, kill an invocation mid-batch, time it out) without touching
 * the function's code. Nothing is injected until a test asks: a new {@code Faults} changes
 * nothing, and the {@code demo} and {@code serve} commands never configure one. Poison messages
 * need no hook (a test sends them to a queue like any producer); database outages and credential
 * rotation go through the stack's database. Thread-safe: tests configure it while pollers read it.
 */
public final class Faults {

    /** How an invocation dies after {@code k} messages of its batch. */
    public enum Crash {
        /**
         * An exception escapes the handler: Lambda reports a function error and the event source
         * mapping deletes nothing, so the whole batch returns, the {@code k} processed ones included.
         */
        EXCEPTION_ESCAPES,
        /**
         * The invocation is abandoned mid-way, as on a timeout: message {@code k + 1} is left running
         * in another container that nobody waits for, nothing is deleted, and the batch returns after
         * the visibility timeout, possibly while that abandoned work is still going.
         */
        INVOCATION_ABANDONED
    }

    /** A crash injected on a queue: after how many of how many messages. */
    public record CrashEvent(String queue, Crash crash, int after, int of) {
    }

    /**
     * What to do to one received batch: deliver {@code twins} a second time in a concurrent
     * invocation, send {@code lateCopies} to the queue again (a duplicate received later), and,
     * when {@code crash} is present, let only the first {@code after} messages run before the
     * invocation dies.
     */
    record Plan(List<Message> twins, List<Message> lateCopies, Optional<CrashEvent> crash) {
        static final Plan NONE = new Plan(List.of(), List.of(), Optional.empty());
    }

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> duplicated = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CrashEvent> crashEvents = new ConcurrentLinkedQueue<>();
    private volatile boolean duplicateEverything;
    private volatile double duplicateFraction;
    private volatile Random duplicateRandom;
    private volatile Crash crash;
    private volatile int crashBatches;
    private volatile int[] crashAfter = {};

    /** Every message on every queue is delivered twice, in two concurrent invocations. */
    public Faults duplicateEverything() {
        duplicateEverything = true;
        return this;
    }

    /**
     * A seeded random {@code fraction} of the messages is delivered twice: half in a concurrent
     * second invocation, half as a copy sent to the queue again (received later, a new message id).
     */
    public Faults duplicate(double fraction, long seed) {
        duplicateFraction = fraction;
        duplicateRandom = new Random(seed);
        return this;
    }

    /**
     * The first {@code batchesPerQueue} batches of every queue die after {@code afterK[i]} messages
     * (cycling through the values), capped at {@code size - 1} for a batch of several messages (so
     * one is always left unprocessed) and at 1 for a single message (which then dies after it was
     * processed, before its deletion).
     */
    public Faults crashes(Crash mode, int batchesPerQueue, int... afterK) {
        crashAfter = afterK.clone();
        crashBatches = batchesPerQueue;
        batches.clear();
        crash = mode;
        return this;
    }

    /**
     * The queues' mappings receive nothing until {@link #release}: messages pile up (a mapping
     * switched off). A receive already waiting (a long poll of a second) may still deliver.
     */
    public Faults hold(String... queues) {
        held.addAll(List.of(queues));
        return this;
    }

    public Faults release(String queue) {
        held.remove(queue);
        return this;
    }

    /** Back to no faults at all; the records of what was injected are kept. */
    public Faults clear() {
        duplicateEverything = false;
        duplicateRandom = null;
        crash = null;
        held.clear();
        return this;
    }

    /** The crashes injected so far, in order. */
    public List<CrashEvent> crashEvents() {
        return List.copyOf(crashEvents);
    }

    /** Extra deliveries injected so far, by queue. */
    public Map<String, Integer> duplicated() {
        return duplicated.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().get()));
    }

    boolean held(String queue) {
        return held.contains(queue);
    }

    /** Decides, once per received batch, what to inject into it. */
    Plan plan(String queue, List<Message> batch) {
        if (crash == null && !duplicateEverything && duplicateRandom == null) {
            return Plan.NONE;
        }
        List<Message> twins = new ArrayList<>();
        List<Message> lateCopies = new ArrayList<>();
        Random random = duplicateRandom;
        for (Message message : batch) {
            if (duplicateEverything) {
                twins.add(message);
                count(queue);
            } else if (random != null) {
                double draw;
                synchronized (random) {
                    draw = random.nextDouble();
                }
                if (draw < duplicateFraction / 2) {
                    twins.add(message);
                    count(queue);
                } else if (draw < duplicateFraction) {
                    lateCopies.add(message);
                    count(queue);
                }
            }
        }
        return new Plan(twins, lateCopies, crashFor(queue, batch.size()));
    }

    private Optional<CrashEvent> crashFor(String queue, int size) {
        Crash mode = crash;
        int[] after = crashAfter;
        if (mode == null || after.length == 0) {
            return Optional.empty();
        }
        int batch = batches.computeIfAbsent(queue, name -> new AtomicInteger()).getAndIncrement();
        if (batch >= crashBatches) {
            return Optional.empty();
        }
        int k = after[batch % after.length];
        var event = new CrashEvent(queue, mode, size == 1 ? Math.min(k, 1) : Math.min(k, size - 1), size);
        crashEvents.add(event);
        return Optional.of(event);
    }

    private void count(String queue) {
        duplicated.computeIfAbsent(queue, name -> new AtomicInteger()).incrementAndGet();
    }
}
