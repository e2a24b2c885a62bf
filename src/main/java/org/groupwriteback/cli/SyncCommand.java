package org.groupwriteback.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.run.CycleBusyException;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.RunJson;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import org.groupwriteback.service.EngineService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gwb sync}: one sync cycle now (Start-ADSyncSyncCycle): run by the {@code gwb service} of the data
 * directory when one runs (its progress shown on stderr), else in this process.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Runs one sync cycle now: import from Entra ID, plan, apply to AD (Start-ADSyncSyncCycle).",
            "A cycle that would delete more groups than the deletion threshold applies nothing;",
            "check it with --dry-run and approve exactly its deletes with --approve-deletes RUN",
            "(the id of the run that stopped) or up to a number with --allow-deletes N.",
            "In staging mode (gwb configure --staging-mode on) a cycle plans and exports nothing."},
        footer = {"", "Exit codes: 0 ok; 1 export errors, deletion threshold hit, or the cycle failed;",
            "2 bad usage or invalid configuration."})
public final class SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--policy", defaultValue = "delta", paramLabel = "delta|initial",
            description = "delta (default): changes since the last cycle; initial: full import and full sync.")
    Policy policy;

    @Option(names = "--dry-run", description = "Print the plan and change nothing in AD.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the run record as one JSON line.")
    boolean json;

    @Option(names = "--allow-deletes", defaultValue = "0", paramLabel = "N",
            description = "Approve up to N deletes above the deletion threshold for this cycle.")
    int allowDeletes;

    @Option(names = "--approve-deletes", paramLabel = "RUN",
            description = "Apply exactly the deletes run RUN stopped at the deletion threshold; refused when the planned deletes differ.")
    Long approveDeletes;

    @Option(names = "--adopt", description = "Adopt groups Entra Connect already wrote back (adminDescription Group_<id>) instead of reporting them as collisions.")
    boolean adopt;

    private final EngineWiring wiring;

    public SyncCommand() {
        this(EngineWiring.product());
    }

    SyncCommand(EngineWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() throws CliException, ConfigurationException, CycleBusyException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (allowDeletes < 0) {
            throw CliException.usage("--allow-deletes must be 0 or more");
        }
        data.directory().load();
        RunRecord r;
        Optional<ControlResponse> viaService = ServiceChannel.call(data.path(),
                new ControlRequest.Sync(policy, dryRun, allowDeletes, adopt, approveDeletes), err);
        if (viaService.isPresent()) {
            if (viaService.get() instanceof ControlResponse.Run run) {
                r = run.run();
            } else {
                return ServiceChannel.exitCode(viaService.get());
            }
        } else {
            try (Engine engine = wiring.open(data.path())) {
                r = engine.sync(new SyncCycle.Request(policy, dryRun, allowDeletes, adopt, approveDeletes), "gwb sync");
            }
        }
        if (json) {
            out.println(RunJson.write(r));
        } else {
            RunReport.print(r, out, true);
        }
        out.flush();
        if (r.status() == RunStatus.DELETION_THRESHOLD_EXCEEDED && !json) {
            err.println("deletion threshold exceeded: " + r.pendingDeletes() + " deletes planned; approve exactly these"
                    + " with gwb sync --data " + data + " --approve-deletes " + r.id() + " (or up to "
                    + r.pendingDeletes() + " with gwb sync --data " + data + " --allow-deletes " + r.pendingDeletes()
                    + ")");
        }
        return EngineService.exitCode(r);
    }
}
