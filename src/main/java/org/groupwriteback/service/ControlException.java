package org.groupwriteback.service;

/** The control channel of a running service could not be used; the message says why and what to do. */
public final class ControlException extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }

    public ControlException(String message) {
        super(message);
    }
}
