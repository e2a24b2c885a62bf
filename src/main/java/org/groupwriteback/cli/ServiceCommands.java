package org.groupwriteback.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.service.CommandRunner;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import picocli.CommandLine;

/**
 * The service's side of {@code gwb writeback} and {@code gwb permissions verify} sent through the control
 * channel: runs the very command the client would have run in-process, on the service's engine and with the
 * service's account, and hands back what it printed and its exit code.
 */
final class ServiceCommands implements CommandRunner {
    private final EngineWiring wiring;
    private final Path data;

    ServiceCommands(EngineWiring wiring, Path data) {
        this.wiring = wiring;
        this.data = data;
    }

    @Override
    public ControlResponse.Report run(ControlRequest request, Engine engine) {
        List<String> args = new ArrayList<>();
        Object command;
        if (request instanceof ControlRequest.Writeback w) {
            command = new WritebackCommand(wiring, engine);
            args.add(w.action());
            add(args, null, w.groupId());
            add(args, "--enabled", w.enabled() == null ? null : w.enabled().toString());
            add(args, "--type", w.type());
            if (w.json()) {
                args.add("--json");
            }
        } else if (request instanceof ControlRequest.VerifyPermissions v) {
            command = new PermissionsCommand(false);
            args.add(PermissionsCommand.Action.verify.name());
            add(args, "--ou", v.ou());
            add(args, "--account", v.account());
            if (v.domain()) {
                args.add("--domain");
            }
            if (v.probe()) {
                args.add("--probe");
            }
        } else {
            return new ControlResponse.Report("", "error: the service does not run " + request, 2);
        }
        args.add("--data");
        args.add(data.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.configure(new CommandLine(command));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new ControlResponse.Report(out.toString(), err.toString(), exit);
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            if (option != null) {
                args.add(option);
            }
            args.add(value);
        }
    }
}
