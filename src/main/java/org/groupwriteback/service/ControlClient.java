package org.groupwriteback.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The client side of the control channel: {@link #find} tells whether a service runs on a data directory,
 * {@link #call} sends one request and reads progress lines until the final answer. The CLI and the wizard
 * use it when a service is up, and run the engine in-process otherwise.
 */
public final class ControlClient {
    private final ControlTransport transport;
    private final String where;

    private ControlClient(ControlTransport transport, String where) {
        this.transport = transport;
        this.where = where;
    }

    /** The client of the service on {@code dataDir}, or empty when no service listens there. */
    public static Optional<ControlClient> find(Path dataDir) throws ControlException {
        return find(new UnixSocketTransport(dataDir), dataDir.toString());
    }

    static Optional<ControlClient> find(ControlTransport transport, String where) throws ControlException {
        try {
            Optional<ControlTransport.Connection> probe = transport.connect();
            if (probe.isEmpty()) {
                return Optional.empty();
            }
            probe.get().close();
            return Optional.of(new ControlClient(transport, where));
        } catch (IOException e) {
            throw new ControlException("cannot reach the group-writeback service on " + where + ": " + e.getMessage()
                    + "; run the command as root or as the service's account", e);
        }
    }

    /** Sends {@code request}; progress lines go to {@code progress}; returns the final answer. */
    public ControlResponse call(ControlRequest request, Consumer<String> progress) throws ControlException {
        try (ControlTransport.Connection c = transport.connect().orElseThrow(() -> new ControlException(
                "the group-writeback service on " + where + " stopped; run the command again"))) {
            OutputStream out = c.output();
            out.write((ControlJson.line(request) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ControlResponse r = ControlJson.read(line, ControlResponse.class);
                if (!r.last()) {
                    progress.accept(((ControlResponse.Progress) r).message());
                    continue;
                }
                return r;
            }
            throw new ControlException("the group-writeback service on " + where + " closed the connection without"
                    + " an answer; see its log (logs/service.log in the data directory)");
        } catch (IOException e) {
            throw new ControlException("the control channel of the group-writeback service on " + where
                    + " failed: " + e.getMessage() + "; see its log (logs/service.log in the data directory)", e);
        }
    }

    /** {@link #call} without progress. */
    public ControlResponse call(ControlRequest request) throws ControlException {
        return call(request, line -> { });
    }
}
