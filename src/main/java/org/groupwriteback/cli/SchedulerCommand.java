package org.groupwriteback.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import org.groupwriteback.service.SchedulerSettings;
import org.groupwriteback.service.ServiceStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gwb scheduler}: shows or sets the built-in scheduler (Get-/Set-ADSyncScheduler). The settings live in
 * the configuration file; with a {@code gwb service} running the change goes through its control channel (the
 * service writes the file), and the scheduler can be suspended for a while and resumed. They don't count as a
 * configuration change that forces a full import.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Shows the scheduler, or turns it on/off and sets its interval (Get-/Set-ADSyncScheduler).",
            "With gwb service running, the change goes through it; --suspend-for and --resume need it."},
        footer = {"", "Exit codes: 0 ok; 1 the service cannot be reached or the file cannot be written;",
            "2 bad usage or no/invalid configuration."})
public final class SchedulerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @ArgGroup(exclusive = true)
    Toggle toggle;

    static final class Toggle {
        @Option(names = "--enable", description = "Run a delta cycle every interval.")
        boolean enable;

        @Option(names = "--disable", description = "Stop scheduled cycles (gwb sync still works).")
        boolean disable;
    }

    @Option(names = "--interval", paramLabel = "MINUTES", description = "Minutes between cycles (default 30).")
    Integer interval;

    @ArgGroup(exclusive = true)
    Pause pause;

    static final class Pause {
        @Option(names = "--suspend-for", paramLabel = "SECONDS",
                description = "Suspend the running service's scheduler for SECONDS (a lease; send again to renew).")
        Integer suspendSeconds;

        @Option(names = "--resume", description = "End a suspension of the running service's scheduler.")
        boolean resume;
    }

    @Override
    public Integer call() throws CliException, ConfigurationException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        SyncConfiguration c = data.directory().load();
        if (interval != null && (interval < ConfigurationValidator.MIN_INTERVAL_MINUTES
                || interval > ConfigurationValidator.MAX_INTERVAL_MINUTES)) {
            throw CliException.usage("--interval must be between " + ConfigurationValidator.MIN_INTERVAL_MINUTES
                    + " and " + ConfigurationValidator.MAX_INTERVAL_MINUTES + " minutes, was " + interval);
        }
        if (pause != null && pause.suspendSeconds != null && pause.suspendSeconds < 1) {
            throw CliException.usage("--suspend-for must be 1 second or more");
        }
        Boolean enabled = toggle == null ? null : toggle.enable;
        Optional<ControlResponse> viaService = ServiceChannel.call(data.path(), new ControlRequest.Scheduler(enabled,
                interval, pause == null ? null : pause.suspendSeconds, pause != null && pause.resume), err);
        if (viaService.isPresent()) {
            if (!(viaService.get() instanceof ControlResponse.Status s)) {
                return ServiceChannel.exitCode(viaService.get());
            }
            print(s.status(), out);
            return 0;
        }
        if (pause != null) {
            throw CliException.usage("no gwb service runs on " + data + "; --suspend-for and --resume act on a"
                    + " running service (start it, or use --disable)");
        }
        if (enabled != null || interval != null) {
            c = SchedulerSettings.with(c, enabled, interval);
            try {
                data.directory().save(c);
            } catch (IOException e) {
                throw CliException.failed("cannot write " + data.directory().configurationFile() + ": "
                        + e.getMessage(), e);
            }
        }
        print(ServiceStatus.offline(SchedulerSettings.of(c), StatusCommand.lastRun(data.path(), err)), out);
        return 0;
    }

    private static void print(ServiceStatus s, PrintWriter out) {
        out.println("SyncCycleEnabled: " + s.schedulerEnabled());
        out.println("SyncCycleInterval: " + s.intervalMinutes() + " minute(s)");
        if (s.suspended()) {
            out.println("SchedulerSuspended: true" + (s.suspendedUntil() == null ? "" : " (until " + s.suspendedUntil()
                    + " unless renewed)"));
        }
        if (s.lastRun() != null) {
            out.println("LastSyncCycle: run " + s.lastRun().id() + " started " + s.lastRun().started() + ", "
                    + s.lastRun().status());
        }
        if (s.nextRun() != null) {
            out.println("NextSyncCycleStartTime: " + s.nextRun() + (s.serviceRunning() ? ""
                    : " (when gwb service is running)"));
        }
        out.flush();
    }
}
