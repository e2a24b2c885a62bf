package org.groupwriteback.samba.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the engine and the DC that a test can break on purpose: reset every open connection now,
 * let the next request through and reset the connection instead of passing its answer back (the DC did the
 * write, the engine never hears of it), and refuse new connections for a while. It forwards bytes only, so it
 * sits as well in front of LDAPS (the TLS session runs end to end between the engine and the DC).
 */
final class FaultProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicBoolean dropNextAnswer = new AtomicBoolean();
    private final AtomicInteger resets = new AtomicInteger();
    private final Thread acceptor;

    /** One client connection and its connection to the DC. */
    private record Link(Socket client, Socket upstream) {
        void reset() {
            abort(client);
            abort(upstream);
        }
    }

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on 127.0.0.1 (a free port) forwarding to {@code host:port}. */
    static FaultProxy to(String host, int port) throws IOException {
        return new FaultProxy(new InetSocketAddress(host, port));
    }

    /** The port the engine connects to (as {@code localhost}, a name the DC's certificate carries). */
    int port() {
        return server.getLocalPort();
    }

    /** Resets (TCP RST) every open connection now. */
    void resetAll() {
        for (Link l : links) {
            l.reset();
        }
        links.clear();
        resets.incrementAndGet();
    }

    /**
     * Lets the next request through to the DC, throws its answer away and resets every connection: the write
     * happened in AD but its result never reaches the engine.
     */
    void resetAfterNextRequest() {
        dropNextAnswer.set(true);
    }

    /** New connections are accepted and closed at once while {@code refuse} is true (a DC that is down). */
    void refuseNewConnections(boolean refuse) {
        refusing.set(refuse);
    }

    /** How many times connections were reset. */
    int resets() {
        return resets.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing.get()) {
                abort(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                abort(client);
                continue;
            }
            Link link = new Link(client, upstream);
            links.add(link);
            pump(link, client, upstream, false);
            pump(link, upstream, client, true);
        }
    }

    private void pump(Link link, Socket from, Socket to, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (answers && dropNextAnswer.compareAndSet(true, false)) {
                        resetAll();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away or the test reset the link
            } finally {
                link.reset();
                links.remove(link);
            }
        }, answers ? "fault-proxy-down" : "fault-proxy-up");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with an RST instead of a FIN, as a reset connection looks to the peer. */
    private static void abort(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        resetAll();
    }
}
