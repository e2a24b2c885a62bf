package org.groupwriteback.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.groupwriteback.cli.Main;
import org.groupwriteback.engine.crash.CrashPoint;

/**
 * The real CLI in its own JVM, as an admin's shell runs it: run to the end, or paused at a {@link CrashPoint}
 * and then killed with SIGKILL ({@link Process#destroyForcibly()} sends SIGKILL on POSIX).
 */
final class ChildGwb {
    /** Exit code of a process killed by SIGKILL (128 + 9). */
    static final int SIGKILL_EXIT = 137;
    private static final long TIMEOUT_SECONDS = 180;

    private ChildGwb() {
    }

    /** The outcome of one child process; {@code paused} when it reached its pause point and was killed there. */
    record Result(int exit, String out, String err, boolean paused) {
        /** The last JSON line of stdout (the run record of {@code sync --json}). */
        JsonNode json() {
            return new World.Cli(exit, out, err).json();
        }

        /** {@code REACHED} lines of a census run, without the prefix. */
        List<String> reached() {
            return err.lines().filter(l -> l.startsWith("REACHED ")).map(l -> l.substring("REACHED ".length())).toList();
        }
    }

    /** Runs {@code gwb args} to its end; {@code pauseSpec} null for a normal run, or {@link CrashPoint#CENSUS}. */
    static Result run(String pauseSpec, String... args) {
        Running r = start(pauseSpec, args);
        try {
            if (!r.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                r.process.destroyForcibly();
                throw new AssertionError("gwb " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS
                        + " s; stderr so far:\n" + r.err);
            }
            return r.result(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Runs {@code gwb args} paused at {@code pauseSpec} and SIGKILLs it as soon as it prints {@code PAUSED};
     * {@code paused} is false when the process ended without reaching the point.
     */
    static Result killAt(String pauseSpec, String... args) {
        Running r = start(pauseSpec, args);
        try {
            boolean paused = r.paused.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (paused) {
                r.process.destroyForcibly();
            }
            if (!r.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                r.process.destroyForcibly();
                throw new AssertionError("gwb " + String.join(" ", args) + " did not end after the kill");
            }
            return r.result(paused);
        } catch (TimeoutException e) {
            r.process.destroyForcibly();
            throw new AssertionError("gwb " + String.join(" ", args) + " neither paused at " + pauseSpec
                    + " nor ended within " + TIMEOUT_SECONDS + " s; stderr so far:\n" + r.err, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            r.process.destroyForcibly();
            throw new AssertionError("reading the stderr of gwb failed", e);
        }
    }

    /** A started child with its output being collected. */
    private static final class Running {
        final Process process;
        final StringBuffer err = new StringBuffer();
        final CompletableFuture<Boolean> paused = new CompletableFuture<>();
        final CompletableFuture<String> out;
        final Thread errReader;

        Running(Process process) {
            this.process = process;
            this.out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            this.errReader = new Thread(this::readErr, "gwb-child-stderr-" + process.pid());
            this.errReader.setDaemon(true);
            this.errReader.start();
        }

        private void readErr() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    err.append(line).append('\n');
                    if (line.startsWith("PAUSED ")) {
                        paused.complete(true);
                    }
                }
            } catch (IOException e) {
                err.append("[stderr read failed: ").append(e).append("]\n");
            } finally {
                paused.complete(false);
            }
        }

        Result result(boolean wasPaused) throws InterruptedException {
            errReader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            String stdout;
            try {
                stdout = out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                stdout = "[stdout read failed: " + e + "]";
            }
            return new Result(process.exitValue(), stdout, err.toString(), wasPaused);
        }
    }

    private static Running start(String pauseSpec, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // C1 only and the serial collector: these short runs are dominated by JVM start-up.
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (pauseSpec != null) {
            command.add("-D" + CrashPoint.PROPERTY + "=" + pauseSpec);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        try {
            return new Running(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
