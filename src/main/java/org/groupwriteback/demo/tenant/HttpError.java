package org.groupwriteback.demo.tenant;

/** Ends a request early with a ready answer (bad query, missing permission, bad token). */
final class HttpError extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Reply reply;

    HttpError(Reply reply) {
        super(null, null, false, false);
        this.reply = reply;
    }

    Reply reply() {
        return reply;
    }
}
