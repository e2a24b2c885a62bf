package org.groupwriteback.demo.tenant;

import java.util.Map;

/** An answer the emulator sends: status, body bytes (null = none) and extra headers. */
record Reply(int status, byte[] body, Map<String, String> headers) {
    static Reply json(int status, byte[] body) {
        return new Reply(status, body, Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }

    /** The same answer with one more header. */
    Reply withHeader(String name, String value) {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return new Reply(status, body, Map.copyOf(all));
    }
}
