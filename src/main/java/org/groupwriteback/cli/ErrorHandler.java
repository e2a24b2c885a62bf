package org.groupwriteback.cli;

import org.groupwriteback.demo.tenant.FixtureException;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.graph.CloudException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns what a command throws into one plain message on stderr and the exit codes of
 * {@code cli.md}: 2 for bad usage or an invalid configuration, 1 for anything that failed while running.
 * Commands just throw typed exceptions. Stack traces only with {@code GWB_DEBUG=1}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (System.getenv("GWB_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        cmd.getErr().println(message(ex));
        cmd.getErr().flush();
        return getExitCode(ex);
    }

    /** 2 for bad usage (picocli's own parse errors too) and unusable configurations or fixtures, else 1. */
    @Override
    public int getExitCode(Throwable ex) {
        if (ex instanceof CliException c) {
            return c.exitCode();
        }
        if (ex instanceof CommandLine.ParameterException) {
            return CommandLine.ExitCode.USAGE;
        }
        return ex instanceof ConfigurationException || ex instanceof FixtureException ? 2 : 1;
    }

    /** The line(s) printed for {@code ex}: {@code error: }, the system it came from, and its message. */
    static String message(Throwable ex) {
        String what = ex instanceof CloudException ? "Entra ID: "
                : ex instanceof DirectoryException ? "Active Directory: " : "";
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return "error: " + what + msg;
    }
}
