package org.groupwriteback.engine.state;

/**
 * A failure of the local state store: the database cannot be opened or written, or another engine
 * process holds the data directory. The message names the data directory and what to do. Unchecked
 * because a broken state store is not something a caller can work around object by object.
 */
public class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
