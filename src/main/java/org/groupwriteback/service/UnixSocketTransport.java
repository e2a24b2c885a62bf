package org.groupwriteback.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The control channel on Linux (and other Unix systems): {@code <data>/control.sock}, a Unix domain socket
 * the service creates owner-only (socket 0600 in a 0700 data directory). Every connection's peer is
 * checked with {@code SO_PEERCRED}: only root and the account the service runs as may use it.
 */
public final class UnixSocketTransport implements ControlTransport {
    /** File name of the socket inside the data directory. */
    public static final String SOCKET_FILE = "control.sock";

    private final Path socket;

    public UnixSocketTransport(Path dataDir) {
        this.socket = dataDir.toAbsolutePath().resolve(SOCKET_FILE);
    }

    /** The socket file. */
    public Path socket() {
        return socket;
    }

    @Override
    public Listener listen() throws IOException {
        Path dir = socket.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        // The caller holds the engine lock, so a socket file left here belongs to a service that died.
        Files.deleteIfExists(socket);
        // Bound under a temporary name and renamed once owner-only: a client never finds it open to others.
        Path bound = socket.resolveSibling(SOCKET_FILE + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(bound);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
            UserPrincipal owner = Files.getOwner(socket);
            UserPrincipal root = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root");
            return new SocketListener(server, owner, root);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(bound);
            throw e;
        }
    }

    @Override
    public Optional<Connection> connect() throws IOException {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            return Optional.empty(); // a socket file left behind by a service that is gone
        }
        return Optional.of(new SocketConnection(channel, Optional.empty()));
    }

    /** Whether {@code peer} may use a service running as {@code owner}: the same account, or root. */
    static Optional<String> refusal(UserPrincipal peer, UserPrincipal owner, UserPrincipal root) {
        if (peer.equals(owner) || peer.equals(root)) {
            return Optional.empty();
        }
        return Optional.of("user " + peer.getName() + " may not use the group-writeback service (it runs as "
                + owner.getName() + "); run the command as root or as " + owner.getName());
    }

    private final class SocketListener implements Listener {
        private final ServerSocketChannel server;
        private final UserPrincipal owner;
        private final UserPrincipal root;

        SocketListener(ServerSocketChannel server, UserPrincipal owner, UserPrincipal root) {
            this.server = server;
            this.owner = owner;
            this.root = root;
        }

        @Override
        public Connection accept() throws IOException {
            SocketChannel channel = server.accept();
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return new SocketConnection(channel, refusal(peer.user(), owner, root));
        }

        @Override
        public String address() {
            return socket.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(socket);
        }
    }

    private record SocketConnection(SocketChannel channel, Optional<String> refusal) implements Connection {
        @Override
        public InputStream input() {
            return Channels.newInputStream(channel);
        }

        @Override
        public OutputStream output() {
            return Channels.newOutputStream(channel);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
