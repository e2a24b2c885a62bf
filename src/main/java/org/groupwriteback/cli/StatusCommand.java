package org.groupwriteback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.run.RecentRuns;
import org.groupwriteback.engine.run.RunJson;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import org.groupwriteback.service.SchedulerSettings;
import org.groupwriteback.service.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gwb status}: whether the service runs, the scheduler, the last and the next cycle. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows whether gwb service runs on the data directory, its scheduler, the last cycle and",
            "when the next one is due."},
        footer = {"", "Exit codes: 0 ok (also when no service runs); 1 the service cannot be reached;",
            "2 no or invalid configuration."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--json", description = "Print the status as one JSON line.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException, ConfigurationException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ServiceStatus status;
        Optional<ControlResponse> viaService = ServiceChannel.call(data.path(), new ControlRequest.Status(), err);
        if (viaService.isPresent()) {
            if (!(viaService.get() instanceof ControlResponse.Status s)) {
                return ServiceChannel.exitCode(viaService.get());
            }
            status = s.status();
        } else {
            status = ServiceStatus.offline(SchedulerSettings.of(data.directory().load()), lastRun(data.path(), err));
        }
        if (json) {
            out.println(RunJson.mapper().writeValueAsString(status));
        } else {
            print(status, out);
        }
        out.flush();
        return 0;
    }

    private void print(ServiceStatus s, PrintWriter out) {
        out.println("Service: " + (s.serviceRunning() ? "running (pid " + s.pid() + ")" : "not running") + " on "
                + data);
        out.println("Scheduler: " + (s.schedulerEnabled() ? "enabled" : "disabled") + ", every "
                + s.intervalMinutes() + " minute(s)" + (s.suspended() ? ", suspended"
                + (s.suspendedUntil() == null ? "" : " until " + s.suspendedUntil()) : ""));
        if (s.serviceRunning()) {
            out.println("Cycle running: " + (s.cycleRunning() ? "yes" : "no"));
        }
        if (s.staging() != null) {
            out.println("Staging mode: " + (s.staging() ? "on" : "off"));
        }
        out.println("Last run: " + (s.lastRun() == null ? "none yet" : "run " + s.lastRun().id() + " "
                + s.lastRun().status() + ", started " + s.lastRun().started() + ", ended " + s.lastRun().ended()));
        String next = s.nextRun() == null ? (s.schedulerEnabled() ? "not scheduled" : "none (scheduler disabled)")
                : s.nextRun() + (s.serviceRunning() ? "" : " (when gwb service is running)");
        out.println("Next run: " + next);
    }

    /** The newest run of {@code data} from its recent-runs copy, or null; a read problem is noted on {@code err}. */
    static RunRecord lastRun(Path data, PrintWriter err) {
        try {
            return RecentRuns.read(data, 1).stream().findFirst().orElse(null);
        } catch (IOException e) {
            err.println("note: cannot read the recent runs: " + e.getMessage());
            return null;
        }
    }
}
