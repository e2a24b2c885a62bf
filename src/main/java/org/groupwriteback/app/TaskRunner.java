package org.groupwriteback.app;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.groupwriteback.wizard.TaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wizard's background runner: a JavaFX {@link Task} per job on a small pool of daemon threads. */
public final class TaskRunner implements TaskExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private final ExecutorService executor;

    public TaskRunner() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "wizard-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onSuccess.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            LOG.debug("background task failed: {}", t.toString());
            onFailure.accept(t instanceof Exception ex ? ex : new RuntimeException(t));
        });
        if (executor.isShutdown()) {
            // The window has closed; a page's timer or late callback asking for more work is dropped, not thrown.
            LOG.debug("background task dropped: the wizard is closing");
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("background task dropped: the wizard is closing");
        }
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
