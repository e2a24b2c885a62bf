package org.groupwriteback.engine.run;

/** A sync cycle was requested while another one is running in this process; the message says since when. */
public final class CycleBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    public CycleBusyException(String message) {
        super(message);
    }
}
