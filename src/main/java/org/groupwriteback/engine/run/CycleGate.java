package org.groupwriteback.engine.run;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Lets one sync cycle run at a time within a process (scheduler, CLI, wizard). A second request is
 * refused at once with {@link CycleBusyException} rather than queued: a queued cycle would only repeat
 * the one running, and the scheduler simply tries again on its next tick. Other processes are kept out by
 * the state store's engine lock. Thread-safe.
 */
public final class CycleGate {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private Instant runningSince;
    private String runningFor;

    public CycleGate(Clock clock) {
        this.clock = clock;
    }

    /** A held turn; close it when the cycle ends. */
    public final class Permit implements AutoCloseable {
        private Permit() {
        }

        @Override
        public void close() {
            synchronized (CycleGate.this) {
                runningSince = null;
                runningFor = null;
            }
        }
    }

    /** Takes the turn for {@code requester} (e.g. "scheduler", "gwb sync") or refuses. */
    public synchronized Permit enter(String requester) throws CycleBusyException {
        if (runningSince != null) {
            throw new CycleBusyException("a sync cycle is already running (started " + HH_MM.format(runningSince)
                    + " by " + runningFor + "); wait for it to finish and try again");
        }
        runningSince = clock.instant();
        runningFor = requester;
        return new Permit();
    }

    /** True while a cycle holds the turn. */
    public synchronized boolean busy() {
        return runningSince != null;
    }
}
