package org.groupwriteback.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.Scheduler;
import org.groupwriteback.service.EngineService;
import org.groupwriteback.service.SchedulerSettings;
import org.groupwriteback.service.UnixSocketTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code gwb service}: the long-running engine ({@link EngineService}). Holds the data directory's engine
 * lock, runs the scheduler and listens on the local control channel ({@code <data>/control.sock}) through
 * which {@code gwb sync}, {@code runs}, {@code scheduler}, {@code status} and the wizard drive it. On
 * SIGTERM/Ctrl-C the change being written finishes, the cycle is recorded as interrupted, and it exits 0.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Runs the engine and its scheduler until stopped (SIGTERM or Ctrl-C): the ADSync service.",
            "Scheduled cycles follow gwb scheduler; the first one starts at once. Other gwb commands and the",
            "wizard work through its control channel <data>/control.sock (root and the service's account only).",
            "Logs go to the console and to <data>/logs/service.log (rolled at 10 MB, 5 kept)."},
        footer = {"", "Exit codes: 0 stopped normally; 1 the data directory is in use by another engine or the",
            "control channel cannot be created; 2 no or invalid configuration."})
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
    public Integer call() throws InterruptedException, ConfigurationException, CliException {
        data.directory().load();
        Engine engine = wiring.open(data.path());
        EngineService service = new EngineService(engine, data.directory(), wiring.clock());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // SIGTERM: the running change finishes, the cycle is recorded as interrupted
            service.stop();
            stop.countDown();
            try {
                stopped.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gwb-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // SIGTERM/Ctrl-C end the command normally (exit 0) instead of killing the JVM (143/130); the hook above
        // still stops the service on any other way out
        Map<Signal, SignalHandler> previous = new HashMap<>();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> stop.countDown()));
            } catch (IllegalArgumentException e) {
                // no such signal here (or the JVM reserves it): the shutdown hook covers it
            }
        }
        try {
            LOG.info("group-writeback service started on {} (pid {}), log file {}", data,
                    ProcessHandle.current().pid(), EngineService.logTo(data.path()));
            service.start(Duration.ofSeconds(Math.max(1, tickSeconds)), new UnixSocketTransport(data.path()));
            stop.await();
        } catch (IOException e) {
            throw CliException.failed("cannot open the control channel " + new UnixSocketTransport(data.path())
                    .socket() + ": " + e.getMessage() + "; check that the data directory is writable by this account",
                    e);
        } finally {
            service.stop();
            stopped.countDown();
            previous.forEach(Signal::handle);
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
            return SchedulerSettings.of(DataDirectory.at(data).load());
        } catch (ConfigurationException e) {
            LOG.error("scheduled cycles paused: {}", e.getMessage());
            return new Scheduler.Settings(false, Scheduler.Settings.DEFAULT_INTERVAL);
        }
    }
}
