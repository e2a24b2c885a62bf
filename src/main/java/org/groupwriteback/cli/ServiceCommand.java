package org.groupwriteback.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.Scheduler;
import org.groupwriteback.engine.state.StateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gwb service}: the long-running engine. Holds the data directory's engine lock, runs the
 * scheduler (settings re-read from the configuration file on every tick) until SIGTERM/Ctrl-C, then lets a
 * running cycle finish and exits 0. No local control channel yet: while the service runs, {@code gwb sync} is
 * refused with the engine-lock message and {@code gwb runs} reads the service's recent-runs.json copy.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Runs the engine and its scheduler until stopped (SIGTERM or Ctrl-C): the ADSync service.",
            "Scheduled cycles follow gwb scheduler; the first one starts at once."},
        footer = {"", "Exit codes: 0 stopped normally; 1 the data directory is in use by another engine;",
            "2 no or invalid configuration."})
public final class ServiceCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--tick-seconds", defaultValue = "30", hidden = true,
            description = "How often the scheduler checks whether a cycle is due.")
    int tickSeconds;

    private final EngineWiring wiring;
    private final CountDownLatch stop = new CountDownLatch(1);

    public ServiceCommand() {
        this(EngineWiring.product());
    }

    ServiceCommand(EngineWiring wiring) {
        this.wiring = wiring;
    }

    /** Stops the service as SIGTERM would (for embedding and tests). */
    public void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        var err = spec.commandLine().getErr();
        try {
            data.directory().load();
        } catch (ConfigurationException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Engine engine;
        try {
            engine = wiring.open(data.path());
        } catch (StateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gwb-scheduler");
            t.setDaemon(true);
            return t;
        });
        Scheduler scheduler = new Scheduler(engine::sync, () -> settings(data.path()), wiring.clock());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gwb-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LOG.info("group-writeback service started on {}", data);
            scheduler.start(timer, Duration.ofSeconds(Math.max(1, tickSeconds)));
            stop.await();
            LOG.info("group-writeback service stopping");
        } finally {
            scheduler.close();
            timer.shutdown();
            // a running cycle finishes: its changes are journaled one by one, but stopping mid-way is untidy
            timer.awaitTermination(5, TimeUnit.MINUTES);
            engine.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook
            }
        }
        return 0;
    }

    /** Scheduler settings from the configuration file as it is now; disabled when it can't be read. */
    static Scheduler.Settings settings(Path data) {
        try {
            SyncConfiguration.Scheduler s = DataDirectory.at(data).load().scheduler();
            boolean enabled = s == null || s.enabled() == null || s.enabled();
            int minutes = s == null || s.intervalMinutes() == null ? 30 : s.intervalMinutes();
            return new Scheduler.Settings(enabled, Duration.ofMinutes(minutes));
        } catch (ConfigurationException e) {
            LOG.error("scheduled cycles paused: {}", e.getMessage());
            return new Scheduler.Settings(false, Scheduler.Settings.DEFAULT_INTERVAL);
        }
    }
}
