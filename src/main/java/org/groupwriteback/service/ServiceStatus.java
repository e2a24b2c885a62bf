package org.groupwriteback.service;

import java.time.Instant;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.engine.run.Scheduler;

/**
 * What {@code gwb status} shows: whether a service runs on the data directory (and its pid), the scheduler
 * (enabled, interval, suspended and until when), whether a cycle runs now, the last run and when the next
 * scheduled one is due (null without a service or while disabled), staging mode when configured, and the
 * latest progress line of the cycle running now (null when none runs).
 */
public record ServiceStatus(
        boolean serviceRunning,
        Long pid,
        boolean schedulerEnabled,
        long intervalMinutes,
        boolean suspended,
        Instant suspendedUntil,
        boolean cycleRunning,
        LastRun lastRun,
        Instant nextRun,
        Boolean staging,
        String progress) {

    /**
     * The status when no service runs: the scheduler as configured, the last run, and when the next cycle
     * would be due if a service ran.
     */
    public static ServiceStatus offline(Scheduler.Settings s, RunRecord last) {
        Instant next = s.enabled() && last != null ? last.started().plus(s.interval()) : null;
        return new ServiceStatus(false, null, s.enabled(), s.interval().toMinutes(), false, null, false,
                last == null ? null : LastRun.of(last), next, null, null);
    }

    /** The short form of the last run record. */
    public record LastRun(long id, RunStatus status, Instant started, Instant ended, String message) {
        /** The summary of {@code r}. */
        public static LastRun of(RunRecord r) {
            return new LastRun(r.id(), r.status(), r.started(), r.ended(), r.message());
        }
    }
}
