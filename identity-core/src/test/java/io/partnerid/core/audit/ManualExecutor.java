package io.partnerid.core.audit;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A test executor that only runs its tasks when the test says so: the worker is "stuck" until then. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        tasks.add(command);
    }

    synchronized int pending() {
        return tasks.size();
    }

    /** Runs every queued task on the calling thread. */
    void runAll() {
        Runnable task;
        while ((task = poll()) != null) {
            task.run();
        }
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
