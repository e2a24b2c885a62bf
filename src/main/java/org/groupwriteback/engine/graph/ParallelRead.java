package org.groupwriteback.engine.graph;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One delta read (users or devices) run on its own thread while the caller reads groups, so an import costs the
 * longest of the reads rather than their sum. Each read feeds its own part of the {@link SnapshotMerge} (groups,
 * users and devices are separate maps there, and the snapshot is only read until {@code applyTo}), so the reads
 * need no locking; {@link #join()} hands the result and any failure over to the caller's thread.
 */
final class ParallelRead {
    /** A delta read that returns its new delta link. */
    @FunctionalInterface
    interface Read {
        String run() throws CloudException, DeltaStateLost;
    }

    private final FutureTask<String> task;

    private ParallelRead(String name, Read read) {
        task = new FutureTask<>(read::run);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code read} on a new daemon thread named {@code name}. */
    static ParallelRead start(String name, Read read) {
        return new ParallelRead(name, read);
    }

    /** Waits for the read; its CloudException, DeltaStateLost or unchecked failure is rethrown here. */
    String join() throws CloudException, DeltaStateLost {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CloudException("The Graph import was interrupted", e);
        } catch (CancellationException e) {
            throw new CloudException("The Graph import was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CloudException c) {
                throw c;
            }
            if (cause instanceof DeltaStateLost d) {
                throw d;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CloudException("The Graph import failed: " + cause, cause);
        }
    }

    /** Waits for the read and drops its outcome: used when another read already failed the round. */
    void abandon() {
        task.cancel(true);
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the round already failed for another reason, which the caller reports
        }
    }
}
