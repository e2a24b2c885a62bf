package org.groupwriteback.engine.run;

/** How a sync cycle ended. */
public enum RunStatus {
    /** Everything planned was applied. */
    SUCCESS,
    /** The cycle ran to the end, but some objects failed to export (see the run's export errors). */
    COMPLETED_WITH_ERRORS,
    /** More deletes than the threshold were planned; nothing was applied. Approve with {@code --allow-deletes}. */
    DELETION_THRESHOLD_EXCEEDED,
    /** A stage failed as a whole (sign-in, import, directory unreachable); nothing more was applied. */
    FAILED,
    /** The service was stopped mid-cycle: the change being written finished, the rest waits for the next cycle. */
    INTERRUPTED
}
