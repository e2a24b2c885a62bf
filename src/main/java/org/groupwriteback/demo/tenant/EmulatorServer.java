package org.groupwriteback.demo.tenant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS plumbing of the emulator: binds 127.0.0.1, logs and counts requests, applies injected faults,
 * hands the request to the {@link Router} and writes the {@link Reply} (JSON unless it says otherwise).
 */
final class EmulatorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);
    /** A long-running demo keeps only the recent half of its request log beyond this size. */
    private static final int MAX_LOG = 200_000;

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Faults faults;
    private final Replies replies;
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requestCount = new AtomicInteger();
    private volatile Router router;

    EmulatorServer(int port, SSLContext ssl, Faults faults, Replies replies) throws IOException {
        this.faults = faults;
        this.replies = replies;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tenant-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts serving through {@code value}. */
    void start(Router value) {
        this.router = value;
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests served so far whose "METHOD path?query" contains {@code text}. */
    int requestCount(String text) {
        synchronized (requestLog) {
            return (int) requestLog.stream().filter(r -> r.contains(text)).count();
        }
    }

    int requestCount() {
        return requestCount.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String line = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query);
            log(line);
            Faults.Outcome fault = faults.intercept(path, query);
            if (fault.drop()) {
                // Closing before any header is sent makes the JDK server drop the connection.
                return;
            }
            Reply reply = fault.reply() != null ? fault.reply() : serve(exchange, line);
            try {
                exchange.getRequestBody().readAllBytes();
            } catch (IOException e) {
                // Already consumed by the handler.
            }
            send(exchange, reply);
        }
    }

    private void log(String line) {
        synchronized (requestLog) {
            if (requestLog.size() >= MAX_LOG) {
                requestLog.subList(0, MAX_LOG / 2).clear();
            }
            requestLog.add(line);
        }
        requestCount.incrementAndGet();
    }

    private Reply serve(HttpExchange exchange, String line) throws IOException {
        try {
            return router.route(Request.of(exchange));
        } catch (HttpError e) {
            return e.reply();
        } catch (RuntimeException e) {
            LOG.warn("Tenant emulator failed on {}", line, e);
            return replies.graphError(500, "generalException", "Internal error: " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        if (!reply.headers().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}
