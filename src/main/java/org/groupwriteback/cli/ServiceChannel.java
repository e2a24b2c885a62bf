package org.groupwriteback.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.groupwriteback.service.ControlClient;
import org.groupwriteback.service.ControlException;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;

/**
 * The fallback rule of the commands that drive the engine: through the control channel when a
 * {@code gwb service} runs on the data directory, else in-process. A command never opens the engine (and
 * its lock) while a service answers.
 */
final class ServiceChannel {
    private ServiceChannel() {
    }

    /**
     * Sends {@code request} to the service on {@code data} when there is one; progress lines go to {@code err}.
     * Returns the answer, or empty when no service runs (the caller then works in-process). A refusal or a
     * failed channel is printed and given as an {@link ControlResponse.Error}.
     */
    static Optional<ControlResponse> call(Path data, ControlRequest request, PrintWriter err) {
        try {
            Optional<ControlClient> client = ControlClient.find(data);
            if (client.isEmpty()) {
                return Optional.empty();
            }
            ControlResponse r = client.get().call(request, line -> {
                err.println(line);
                err.flush();
            });
            if (r instanceof ControlResponse.Error e) {
                err.println("error: " + e.message());
                e.fieldErrors().forEach(f -> err.println("  " + f.field() + ": " + f.message()));
                err.flush();
            }
            return Optional.of(r);
        } catch (ControlException e) {
            err.println("error: " + e.getMessage());
            return Optional.of(new ControlResponse.Error(e.getMessage(), 1, List.of()));
        }
    }

    /** The exit code of an answer that is not the one a command expected: the error's own, else 1. */
    static int exitCode(ControlResponse unexpected) {
        return unexpected instanceof ControlResponse.Error e ? e.exitCode() : 1;
    }

    /**
     * Has the service on {@code data} run a command for this client ({@code gwb writeback}, {@code gwb
     * permissions verify}) and prints what it printed: its exit code, or empty when no service runs.
     */
    static Optional<Integer> runCommand(Path data, ControlRequest request, PrintWriter out, PrintWriter err) {
        Optional<ControlResponse> answer = call(data, request, err);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (answer.get() instanceof ControlResponse.Report r) {
            out.print(r.out());
            out.flush();
            err.print(r.err());
            err.flush();
            return Optional.of(r.exitCode());
        }
        return Optional.of(exitCode(answer.get()));
    }
}
