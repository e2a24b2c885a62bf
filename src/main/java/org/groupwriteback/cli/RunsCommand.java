package org.groupwriteback.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.run.RecentRuns;
import org.groupwriteback.engine.run.RunJson;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.state.StateException;
import org.groupwriteback.engine.state.StateStore;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gwb runs}: the run history (Synchronization Service Manager's Operations tab). */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"Shows the last sync cycles with their counts and export errors, newest first."},
        footer = {"", "While gwb service runs, the runs come from it through its control channel.",
            "", "Exit codes: 0 ok; 1 the run history cannot be read; 2 bad usage."})
public final class RunsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--last", defaultValue = "10", paramLabel = "N", description = "How many runs (default 10).")
    int last;

    @Option(names = "--json", description = "Print the run records as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws CliException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (last < 1) {
            throw CliException.usage("--last must be 1 or more");
        }
        List<String> runs;
        Optional<ControlResponse> viaService = ServiceChannel.call(data.path(), new ControlRequest.Runs(last), err);
        if (viaService.isPresent()) {
            if (!(viaService.get() instanceof ControlResponse.Runs r)) {
                return ServiceChannel.exitCode(viaService.get());
            }
            runs = r.runs().stream().map(RunJson::write).toList();
        } else {
            try (StateStore store = StateStore.open(data.path())) {
                runs = store.lastRuns(last);
            } catch (StateException e) {
                // another engine holds the store without a control channel: show its copy of the recent runs
                try {
                    List<RunRecord> recent = RecentRuns.read(data.path(), last);
                    if (recent.isEmpty()) {
                        throw e;
                    }
                    runs = recent.stream().map(RunJson::write).toList();
                    err.println("note: the state store is in use (" + e.getMessage() + "); showing "
                            + RecentRuns.FILE_NAME);
                } catch (IOException io) {
                    throw e;
                }
            }
        }
        if (json) {
            out.println("[" + String.join(",", runs) + "]");
        } else if (runs.isEmpty()) {
            out.println("no sync cycles have run in " + data + " yet");
        } else {
            for (String j : runs) {
                RunRecord r = RunJson.read(j);
                RunReport.print(r, out, false);
            }
        }
        out.flush();
        return 0;
    }
}
