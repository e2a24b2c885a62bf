package org.groupwriteback.demo.tenant;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The app registrations of the emulated tenant: the engine's confidential client and the wizard's public one. */
final class Clients {
    /** One app registration: its secret and/or certificate, and the application permissions it has. */
    record Client(String id, String secret, Set<String> roles, boolean publicClient, X509Certificate certificate) {
    }

    private final Map<String, Client> byId = new ConcurrentHashMap<>();

    void add(Client client) {
        byId.put(client.id(), client);
    }

    /** The client, or null when {@code id} is null or unknown. */
    Client find(String id) {
        return id == null ? null : byId.get(id);
    }
}
