package org.groupwriteback.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's end of the control channel: accepts connections on a thread of its own, refuses peers the
 * transport does not allow, and answers each request line through the {@link Handler}, one thread per
 * connection (a long cycle does not block {@code status}).
 */
final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    /** Answers one request; {@code progress} sends progress lines before the answer. */
    @FunctionalInterface
    interface Handler {
        ControlResponse handle(ControlRequest request, Consumer<String> progress);
    }

    private final ControlTransport.Listener listener;
    private final Handler handler;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gwb-control-client");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;
    private volatile boolean closed;

    ControlServer(ControlTransport transport, Handler handler) throws IOException {
        this.listener = transport.listen();
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "gwb-control");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("control channel listening on {}", listener.address());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                ControlTransport.Connection c = listener.accept();
                connections.execute(() -> serve(c));
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("control channel stopped accepting connections: {}", e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(ControlTransport.Connection c) {
        try (c) {
            OutputStream out = c.output();
            BufferedReader in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.UTF_8));
            Optional<String> refusal = c.refusal();
            if (refusal.isPresent()) {
                LOG.warn("control channel: refused a client: {}", refusal.get());
                in.readLine(); // read the request, so that closing does not reset the connection before the answer
                send(out, new ControlResponse.Error(refusal.get(), 1, List.of()));
                return;
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                ControlRequest request;
                try {
                    request = ControlJson.read(line, ControlRequest.class);
                } catch (IOException e) {
                    send(out, new ControlResponse.Error("not a control request: " + e.getMessage()
                            + "; see control-channel.md for the requests", 2, List.of()));
                    continue;
                }
                ControlResponse answer;
                try {
                    answer = handler.handle(request, p -> send(out, new ControlResponse.Progress(p)));
                } catch (RuntimeException e) {
                    LOG.error("control request {} failed", request, e);
                    answer = new ControlResponse.Error("the service failed on this request: " + e
                            + "; see its log", 1, List.of());
                }
                send(out, answer);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("control client went away: {}", e.getMessage());
        }
    }

    private static void send(OutputStream out, ControlResponse r) {
        try {
            synchronized (out) {
                out.write((ControlJson.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.warn("closing the control channel: {}", e.getMessage());
        }
        // answers being written (a cycle that just ended) still reach their client
        connections.shutdown();
        try {
            if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
                connections.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connections.shutdownNow();
        }
    }
}
