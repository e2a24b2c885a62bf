package org.groupwriteback.engine.graph;

/**
 * A failure talking to Entra ID / Microsoft Graph: sign-in refused, tenant unreachable, an answer that
 * cannot be used. The message says what failed and what the admin can do about it; it never contains
 * a token or secret.
 */
public class CloudException extends Exception {
    private static final long serialVersionUID = 1L;

    public CloudException(String message) {
        super(message);
    }

    public CloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
