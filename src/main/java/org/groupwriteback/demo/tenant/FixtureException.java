package org.groupwriteback.demo.tenant;

/** A tenant fixture file that cannot be used; the message names the entry (index and id) and the field. */
public class FixtureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FixtureException(String message) {
        super(message);
    }

    public FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
