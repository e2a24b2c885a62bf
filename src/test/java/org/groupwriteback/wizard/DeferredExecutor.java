package org.groupwriteback.wizard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A task executor that holds background work until the test releases it, so that a view model can be looked at
 * while its work "runs" (busy, progress, cancel) and then be given a late answer.
 */
public final class DeferredExecutor implements TaskExecutor {
    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        pending.add(() -> TaskExecutor.sameThread().run(work, onSuccess, onFailure));
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    /** How many background jobs wait to run. */
    public int pending() {
        return pending.size();
    }

    /** Runs the oldest waiting job and its callback. */
    public void runNext() {
        pending.remove().run();
    }
}
