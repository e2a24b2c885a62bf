package org.groupwriteback.service;

import org.groupwriteback.engine.run.Engine;

/**
 * Runs the commands a client asks the service to run for it ({@link ControlRequest.Writeback},
 * {@link ControlRequest.VerifyPermissions}) with the service's engine, so that their output and exit code are
 * those of the command run in-process. Supplied by whoever starts the service (the CLI).
 */
@FunctionalInterface
public interface CommandRunner {
    /** Runs {@code request} on {@code engine}; never throws for a failure of the command itself. */
    ControlResponse.Report run(ControlRequest request, Engine engine);

    /** A runner that runs nothing (an embedded service without the CLI). */
    CommandRunner NONE = (request, engine) -> new ControlResponse.Report("", "error: this service does not run "
            + "commands for clients; stop it and run the command again", 1);
}
