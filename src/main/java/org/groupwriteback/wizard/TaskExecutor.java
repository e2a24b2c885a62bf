package org.groupwriteback.wizard;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How view models run background work (network, LDAP, state store) off the FX thread and get the result
 * back on it. The window uses {@code app.TaskRunner} (JavaFX tasks on a thread pool); tests use
 * {@link #sameThread()} so that view models can be checked without a toolkit.
 */
public interface TaskExecutor {

    /** Runs {@code work} in the background; exactly one of the callbacks is then called on the UI thread. */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Runs {@code action} on the UI thread (used for progress reported from background work). */
    void onUi(Runnable action);

    /** A runner that does everything at once on the calling thread (tests, and pure computations). */
    static TaskExecutor sameThread() {
        return new TaskExecutor() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess,
                    Consumer<? super Exception> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
    }
}
