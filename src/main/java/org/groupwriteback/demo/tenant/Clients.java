package org.groupwriteback.demo.tenant;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The app registrations of the emulated tenant: the engine's confidential client and the wizard's public one. */
final class Clients {
    /**
     * One app registration: its secret and/or certificate (accepted from {@code certificateUsableFrom} on, the
     * replication delay of a new key), and the application permissions it has.
     */
    record Client(String id, String secret, Set<String> roles, boolean publicClient, X509Certificate certificate,
            Instant certificateUsableFrom) {
        Client(String id, String secret, Set<String> roles, boolean publicClient, X509Certificate certificate) {
            this(id, secret, roles, publicClient, certificate, Instant.EPOCH);
        }
    }

    private final Map<String, Client> byId = new ConcurrentHashMap<>();

    void add(Client client) {
        byId.put(client.id(), client);
    }

    void remove(String id) {
        byId.remove(id);
    }

    /** Applies {@code change} to the client {@code id} atomically (no-op when unknown). */
    void update(String id, java.util.function.UnaryOperator<Client> change) {
        byId.computeIfPresent(id, (k, c) -> change.apply(c));
    }

    /** The client, or null when {@code id} is null or unknown. */
    Client find(String id) {
        return id == null ? null : byId.get(id);
    }
}
