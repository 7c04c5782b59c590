package dev.campaigndialer.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentCallsTest {

    private final ConcurrentCalls calls = new ConcurrentCalls("test-call");

    @Test
    void everyCallOfABatchIsInFlightAtTheSameTime() {
        // Each call waits until all ten have started: only possible if they run concurrently.
        var allStarted = new CountDownLatch(10);
        List<Integer> items = IntStream.range(0, 10).boxed().toList();

        List<ConcurrentCalls.Result<Boolean>> results = calls.map(items, item -> {
            allStarted.countDown();
            try {
                return allStarted.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(results).extracting(ConcurrentCalls.Result::value).containsOnly(true).hasSize(10);
    }

    @Test
    void aFailingCallFailsOnlyItsOwnItemAndResultsKeepTheItemsOrder() {
        List<ConcurrentCalls.Result<String>> results = calls.map(List.of(1, 2, 3, 4), item -> {
            if (item == 3) {
                throw new IllegalArgumentException("carrier refused " + item);
            }
            return "call-" + item;
        });

        assertThat(results).extracting(ConcurrentCalls.Result::value).containsExactly("call-1", "call-2", null, "call-4");
        assertThat(results.get(2).ok()).isFalse();
        assertThat(results.get(2).error()).hasMessage("carrier refused 3");
        assertThat(results.get(0).ok()).isTrue();
    }
}
