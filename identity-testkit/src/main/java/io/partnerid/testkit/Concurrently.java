package io.partnerid.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on their own threads, released together, for tests of concurrent access: every task waits on one latch,
 * so they all start as close to the same instant as the scheduler allows.
 *
 * <pre>{@code
 * List<Integer> results = Concurrently.run(List.of(() -> repo.update(a), () -> repo.update(b)));
 * }</pre>
 */
public final class Concurrently {

    private Concurrently() {
    }

    /**
     * Starts every task at once, one thread each, and waits up to 60 seconds for each. Returns their results in task
     * order. The first task failure is rethrown as an {@link ExecutionException}. A task still running after its
     * wait is a {@link TimeoutException}. The threads are stopped before this returns.
     */
    public static <T> List<T> run(List<? extends Callable<T>> tasks)
            throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
