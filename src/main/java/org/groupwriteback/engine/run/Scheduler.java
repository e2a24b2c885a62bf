package org.groupwriteback.engine.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a delta cycle every interval while enabled (Get-/Set-ADSyncScheduler). The decision is made in
 * {@link #tick()}, which a timer calls often ({@link #start}); tests call it directly with a controlled
 * clock. The interval counts from the start of the last cycle, like Connect's next-cycle time. Suspended
 * while the wizard is open, by a lease
 * that runs out if the wizard dies ({@link #suspendFor}). A tick that finds a cycle already running (CLI or wizard) skips and retries
 * on the next tick. Thread-safe.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** Whether the scheduler runs cycles, and how often. */
    public record Settings(boolean enabled, Duration interval) {
        /** Default interval, as in Entra Connect. */
        public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    }

    /** What the scheduler runs: in the product {@code Engine::sync}. */
    @FunctionalInterface
    public interface CycleRunner {
        RunRecord run(SyncCycle.Request request, String requester) throws CycleBusyException;
    }

    private final CycleRunner runner;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private Instant nextRun;
    private boolean suspended;
    /** Set while suspended by a lease: the scheduler resumes by itself at this time unless the lease is renewed. */
    private Instant leaseEnds;
    private ScheduledFuture<?> timer;

    /** The first cycle is due at once (a service that starts catches up). */
    public Scheduler(CycleRunner runner, Supplier<Settings> settings, Clock clock) {
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
        this.nextRun = clock.instant();
    }

    /** Calls {@link #tick()} every {@code every} on {@code executor} until {@link #close()}. */
    public synchronized void start(ScheduledExecutorService executor, Duration every) {
        if (timer != null) {
            throw new IllegalStateException("scheduler already started");
        }
        timer = executor.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("scheduled cycle failed", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a delta cycle if the scheduler is enabled, not suspended and the cycle is due; returns its
     * record, or empty when nothing ran.
     */
    public Optional<RunRecord> tick() {
        Settings s = settings.get();
        Instant now = clock.instant();
        synchronized (this) {
            if (!s.enabled() || suspended(now) || now.isBefore(nextRun)) {
                return Optional.empty();
            }
        }
        try {
            RunRecord r = runner.run(new SyncCycle.Request(Policy.DELTA, false, 0, false), "scheduler");
            synchronized (this) {
                nextRun = now.plus(s.interval());
            }
            return Optional.of(r);
        } catch (CycleBusyException e) {
            LOG.info("scheduled cycle skipped: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops starting cycles (a running one finishes) until {@link #resume()}. */
    public synchronized void suspend() {
        suspended = true;
        leaseEnds = null;
        LOG.info("scheduler suspended");
    }

    /**
     * Stops starting cycles for {@code lease} (the wizard while it is open): the holder renews the lease by
     * calling this again, and if it dies the scheduler resumes by itself when the lease runs out.
     */
    public synchronized void suspendFor(Duration lease) {
        boolean renewal = suspended(clock.instant());
        suspended = true;
        leaseEnds = clock.instant().plus(lease);
        if (!renewal) {
            LOG.info("scheduler suspended until {} unless the lease is renewed", leaseEnds);
        }
    }

    /** Starts cycles again; a cycle that fell due while suspended runs on the next tick. */
    public synchronized void resume() {
        suspended = false;
        leaseEnds = null;
        LOG.info("scheduler resumed");
    }

    public synchronized boolean suspended() {
        return suspended(clock.instant());
    }

    /** When a lease suspension ends, or empty when not suspended by a lease. */
    public synchronized Optional<Instant> leaseEnds() {
        return suspended(clock.instant()) ? Optional.ofNullable(leaseEnds) : Optional.empty();
    }

    private boolean suspended(Instant now) {
        if (suspended && leaseEnds != null && !now.isBefore(leaseEnds)) {
            LOG.info("scheduler resumed: the suspension lease ran out at {}", leaseEnds);
            suspended = false;
            leaseEnds = null;
        }
        return suspended;
    }

    /** When the next cycle is due (if enabled and not suspended). */
    public synchronized Instant nextRun() {
        return nextRun;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
