package org.groupwriteback.cli;

import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.graph.CloudException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the engine's boundary exceptions into one plain message on stderr and the exit codes of
 * {@code cli.md}: 2 for an invalid configuration, 1 for anything that failed while running. Stack traces
 * only with {@code GWB_DEBUG=1}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (System.getenv("GWB_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        if (ex instanceof ConfigurationException) {
            cmd.getErr().println(ex.getMessage());
            return 2;
        }
        String what = ex instanceof CloudException ? "Entra ID: "
                : ex instanceof DirectoryException ? "Active Directory: " : "";
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println("error: " + what + msg);
        return 1;
    }
}
