package org.groupwriteback.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.CycleBusyException;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.Scheduler;
import org.groupwriteback.engine.run.SyncCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running engine of one data directory ({@code gwb service}): the {@link Engine} (holding the engine
 * lock), its {@link Scheduler} (settings re-read from the configuration on every tick) and the control
 * channel through which the CLI and the wizard drive it. {@link #stop()} lets the change being written
 * finish, records the cycle as interrupted and releases everything.
 */
public final class EngineService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineService.class);
    /** How long {@link #stop()} waits for a running cycle to reach the end of its current change. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(5);

    private final Engine engine;
    private final DataDirectory data;
    private final Clock clock;
    private final Scheduler scheduler;
    private final CommandRunner commands;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gwb-scheduler");
        t.setDaemon(true);
        return t;
    });
    private ProgressTap progress;
    /** The latest progress line of the cycle running now, for {@code status} (the wizard's status page). */
    private volatile String latestProgress;
    private ControlServer server;
    private boolean stopped;

    /**
     * @param engine the opened engine (it holds the data directory's lock); closed by {@link #stop()}
     * @param data where {@code configure} and {@code scheduler} requests write the configuration
     */
    public EngineService(Engine engine, DataDirectory data, Clock clock) {
        this(engine, data, clock, CommandRunner.NONE);
    }

    /**
     * @param commands runs the commands clients ask the service to run ({@code gwb writeback},
     *     {@code gwb permissions verify})
     */
    public EngineService(Engine engine, DataDirectory data, Clock clock, CommandRunner commands) {
        this.engine = engine;
        this.data = data;
        this.clock = clock;
        this.commands = commands;
        this.scheduler = new Scheduler(this::scheduledSync, this::settings, clock);
    }

    /** Starts the scheduler (first tick at once, then every {@code tick}) and the control channel. */
    public synchronized void start(Duration tick, ControlTransport transport) throws IOException {
        progress = ProgressTap.install();
        server = new ControlServer(transport, this::handle);
        scheduler.start(timer, tick);
    }

    /** Adds the rolling log files in {@code dataDir}; returns the current log file. */
    public static Path logTo(Path dataDir) {
        return ServiceLogging.install(dataDir);
    }

    /** The scheduler settings as the configuration says now; paused when it cannot be read. */
    private Scheduler.Settings settings() {
        try {
            return SchedulerSettings.of(engine.configuration());
        } catch (ConfigurationException e) {
            LOG.error("scheduled cycles paused: {}", e.getMessage());
            return new Scheduler.Settings(false, Scheduler.Settings.DEFAULT_INTERVAL);
        }
    }

    /** A scheduled cycle, its progress kept for {@code status}. */
    private RunRecord scheduledSync(SyncCycle.Request request, String requester) throws CycleBusyException {
        try (AutoCloseable tap = progress.listen(line -> latestProgress = line)) {
            return engine.sync(request, requester);
        } catch (CycleBusyException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            latestProgress = null;
        }
    }

    /** Answers one control request. */
    ControlResponse handle(ControlRequest request, Consumer<String> progressSink) {
        if (request instanceof ControlRequest.Status) {
            return new ControlResponse.Status(status());
        } else if (request instanceof ControlRequest.Sync s) {
            return sync(s, progressSink);
        } else if (request instanceof ControlRequest.Scheduler s) {
            return scheduler(s);
        } else if (request instanceof ControlRequest.Configure c) {
            return configure(c);
        } else if (request instanceof ControlRequest.Runs r) {
            return new ControlResponse.Runs(engine.lastRuns(Math.max(1, r.last())));
        } else if (request instanceof ControlRequest.ManagedGroups) {
            return new ControlResponse.Managed(engine.managedGroups());
        } else if (request instanceof ControlRequest.Writeback || request instanceof ControlRequest.VerifyPermissions) {
            LOG.info("command requested through the control channel: {}", request);
            return commands.run(request, engine);
        }
        throw new IllegalArgumentException("unknown control request " + request);
    }

    private ControlResponse sync(ControlRequest.Sync s, Consumer<String> sink) {
        LOG.info("cycle requested through the control channel: {}{}", s.policy(), s.dryRun() ? " (dry run)" : "");
        try (AutoCloseable tap = progress.listen(line -> {
            latestProgress = line;
            sink.accept(line);
        })) {
            RunRecord r = engine.sync(new SyncCycle.Request(s.policy(), s.dryRun(), s.allowDeletes(), s.adopt(), s.approveDeletesOf()),
                    "gwb sync");
            return new ControlResponse.Run(r, exitCode(r));
        } catch (CycleBusyException e) {
            return new ControlResponse.Error(e.getMessage(), 1, List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            latestProgress = null;
        }
    }

    /** The exit code {@code gwb sync} gives for a run: 0 when it succeeded, else 1. */
    public static int exitCode(RunRecord r) {
        return r.ok() ? 0 : 1;
    }

    private ControlResponse scheduler(ControlRequest.Scheduler s) {
        if (s.enabled() != null || s.intervalMinutes() != null) {
            Integer m = s.intervalMinutes();
            if (m != null && (m < ConfigurationValidator.MIN_INTERVAL_MINUTES
                    || m > ConfigurationValidator.MAX_INTERVAL_MINUTES)) {
                return new ControlResponse.Error("the interval must be between "
                        + ConfigurationValidator.MIN_INTERVAL_MINUTES + " and "
                        + ConfigurationValidator.MAX_INTERVAL_MINUTES + " minutes, was " + m, 2, List.of());
            }
            try {
                write(SchedulerSettings.with(engine.configuration(), s.enabled(), m));
            } catch (ConfigurationException e) {
                return new ControlResponse.Error(e.getMessage(), 2, e.errors());
            } catch (IOException e) {
                return new ControlResponse.Error("cannot write " + data.configurationFile() + ": " + e.getMessage(), 1,
                        List.of());
            }
        }
        if (s.resume()) {
            scheduler.resume();
        } else if (s.suspendSeconds() != null) {
            scheduler.suspendFor(Duration.ofSeconds(Math.max(1, s.suspendSeconds())));
        }
        return new ControlResponse.Status(status());
    }

    private ControlResponse configure(ControlRequest.Configure c) {
        SyncConfiguration config;
        try {
            config = ConfigurationJson.withDefaults(ConfigurationJson.parse(
                    ControlJson.mapper().writeValueAsString(c.configuration())));
            ConfigurationValidator.requireValid(config);
        } catch (ConfigurationException e) {
            LOG.warn("configuration refused: {}", e.getMessage());
            return new ControlResponse.Error("the configuration was not saved, nothing changed: " + e.getMessage(),
                    2, e.errors());
        } catch (IOException e) {
            return new ControlResponse.Error("the configuration is not JSON: " + e.getMessage(), 2, List.of());
        }
        try {
            write(config);
        } catch (IOException e) {
            return new ControlResponse.Error("cannot write " + data.configurationFile() + ": " + e.getMessage()
                    + "; the configuration was not saved", 1, List.of());
        }
        LOG.info("configuration replaced through the control channel");
        if (c.releaseManagedGroups()) {
            try {
                engine.releaseAll();
            } catch (CycleBusyException e) {
                return new ControlResponse.Error("the configuration is saved, but the groups could not be released: "
                        + e.getMessage(), 1, List.of());
            }
        }
        if (c.fullImportReason() != null) {
            engine.requestFullImport(c.fullImportReason());
        }
        return new ControlResponse.Configured("configuration saved to " + data.configurationFile());
    }

    private synchronized void write(SyncConfiguration c) throws IOException {
        data.save(c);
    }

    /** The service's state now. */
    public ServiceStatus status() {
        Scheduler.Settings s = settings();
        List<RunRecord> last = engine.lastRuns(1);
        boolean suspended = scheduler.suspended();
        Instant next = null;
        if (s.enabled() && !suspended) {
            Instant due = scheduler.nextRun();
            Instant now = clock.instant();
            next = due.isBefore(now) ? now : due;
        }
        return new ServiceStatus(true, ProcessHandle.current().pid(), s.enabled(), s.interval().toMinutes(),
                suspended, scheduler.leaseEnds().orElse(null), engine.gate().busy(),
                last.isEmpty() ? null : ServiceStatus.LastRun.of(last.get(0)), next, null,
                engine.gate().busy() ? latestProgress : null);
    }

    /** The scheduler (for tests and embedding). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Stops the service: no new cycle starts, a running one ends after the change it is writing (recorded as
     * interrupted), then the control channel, the scheduler and the engine are closed. Idempotent.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        LOG.info("group-writeback service stopping");
        engine.stopCycles();
        scheduler.close();
        timer.shutdown();
        try {
            Instant deadline = Instant.now().plus(STOP_WAIT);
            while (engine.gate().busy() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (server != null) {
            server.close();
        }
        if (progress != null) {
            progress.uninstall();
        }
        engine.close();
        LOG.info("group-writeback service stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
