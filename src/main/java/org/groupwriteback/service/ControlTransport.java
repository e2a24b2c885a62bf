package org.groupwriteback.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * How the control channel of a running service is reached on this platform: a Unix domain socket in the
 * data directory ({@link UnixSocketTransport}); on Windows it would be a named pipe (see
 * {@code src/docs/control-channel.md}). The protocol on top ({@link ControlRequest}, {@link ControlResponse})
 * does not depend on it.
 */
public interface ControlTransport {

    /** Starts listening; the caller already holds the data directory's engine lock. */
    Listener listen() throws IOException;

    /** Connects to the listening service, or empty when none listens on this data directory. */
    Optional<Connection> connect() throws IOException;

    /** The listening end, owned by the service. */
    interface Listener extends Closeable {
        /** Waits for the next client; throws once closed. */
        Connection accept() throws IOException;

        /** Where clients connect (for messages). */
        String address();
    }

    /** One client connection: a byte stream each way, and whether the peer may use the service. */
    interface Connection extends Closeable {
        InputStream input();

        OutputStream output();

        /** On the service's side: why this peer is refused, or empty when it may use the service. */
        Optional<String> refusal();
    }
}
