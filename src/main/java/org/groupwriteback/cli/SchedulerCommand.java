package org.groupwriteback.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.RecentRuns;
import org.groupwriteback.engine.run.RunRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gwb scheduler}: shows or sets the built-in scheduler (Get-/Set-ADSyncScheduler). The settings
 * live in the configuration file, which the service re-reads every tick, so this works while the
 * service runs; they don't count as a configuration change that forces a full import.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Shows the scheduler, or turns it on/off and sets its interval (Get-/Set-ADSyncScheduler).",
            "A running gwb service picks the change up within a minute."},
        footer = {"", "Exit codes: 0 ok; 2 bad usage or no/invalid configuration."})
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

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        SyncConfiguration c;
        try {
            c = data.directory().load();
        } catch (ConfigurationException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        SyncConfiguration.Scheduler s = c.scheduler() == null ? new SyncConfiguration.Scheduler(true, 30) : c.scheduler();
        boolean enabled = s.enabled() == null || s.enabled();
        int minutes = s.intervalMinutes() == null ? 30 : s.intervalMinutes();
        if (toggle != null || interval != null) {
            if (interval != null && (interval < ConfigurationValidator.MIN_INTERVAL_MINUTES
                    || interval > ConfigurationValidator.MAX_INTERVAL_MINUTES)) {
                err.println("error: --interval must be between " + ConfigurationValidator.MIN_INTERVAL_MINUTES + " and "
                        + ConfigurationValidator.MAX_INTERVAL_MINUTES + " minutes, was " + interval);
                return 2;
            }
            if (toggle != null) {
                enabled = toggle.enable;
            }
            if (interval != null) {
                minutes = interval;
            }
            SyncConfiguration changed = new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(),
                    c.groupWriteback(), c.deletionThreshold(), new SyncConfiguration.Scheduler(enabled, minutes));
            try {
                data.directory().save(changed);
            } catch (IOException e) {
                err.println("error: cannot write " + data.directory().configurationFile() + ": " + e.getMessage());
                return 1;
            }
        }
        out.println("SyncCycleEnabled: " + enabled);
        out.println("SyncCycleInterval: " + minutes + " minute(s)");
        try {
            for (RunRecord r : RecentRuns.read(data.path(), 1)) {
                out.println("LastSyncCycle: run " + r.id() + " started " + r.started() + ", " + r.status());
                if (enabled) {
                    out.println("NextSyncCycleStartTime: " + r.started().plus(Duration.ofMinutes(minutes))
                            + " (when gwb service is running)");
                }
            }
        } catch (IOException e) {
            err.println("note: cannot read the recent runs: " + e.getMessage());
        }
        out.flush();
        return 0;
    }
}
