package org.groupwriteback.cli;

/**
 * A command's own failure with the exit code of {@code cli.md}: {@link #usage} (2) for bad usage or a
 * configuration that cannot be used, {@link #failed} (1) for something that went wrong while running. The
 * message names the object, the cause and the next command; {@link ErrorHandler} prints it.
 */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad usage or an unusable configuration: exit 2. */
    static CliException usage(String message) {
        return new CliException(2, message, null);
    }

    /** Bad usage caused by {@code cause} (e.g. an unreadable fixture): exit 2. */
    static CliException usage(String message, Throwable cause) {
        return new CliException(2, message, cause);
    }

    /** The command ran but failed (e.g. a file it cannot write): exit 1. */
    static CliException failed(String message, Throwable cause) {
        return new CliException(1, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
