package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.ResultCode;

/**
 * A failure talking to Active Directory: carries what {@link Kind} of failure it was, the LDAP result
 * code (null when there was no LDAP answer, e.g. TLS refused) and the object concerned, and a message
 * that says what failed on which object and what to do ("the sync account lacks the right to create
 * groups in OU=...: run gwb permissions grant"). Never contains a password.
 *
 * <p>Callers outside {@code engine.ad} decide on {@link #kind()}, never on UnboundID result codes.
 */
public class DirectoryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms the engine acts on. */
    public enum Kind {
        /** An object already exists at the DN (LDAP 68), or a unique value such as sAMAccountName is taken. */
        ALREADY_EXISTS,
        /** The object or its parent does not exist (LDAP 32). */
        NO_SUCH_OBJECT,
        /** The account lacks the right for this operation (LDAP 50). */
        INSUFFICIENT_RIGHTS,
        /** The directory refused the values or the operation (constraint, syntax, unwilling to perform). */
        REFUSED,
        /** No usable connection: server down, connection lost, timeout, TLS refused, busy or unavailable. */
        UNAVAILABLE,
        /** Bind failed: wrong password, disabled or locked account (LDAP 49). */
        INVALID_CREDENTIALS,
        /** The configuration given to the adapter is unusable (URL, DN, missing password). */
        CONFIGURATION,
        /** Anything else. */
        OTHER;

        /** The kind for an LDAP result code; null (no LDAP answer) counts as {@link #UNAVAILABLE}. */
        public static Kind of(ResultCode rc) {
            return DirectoryErrors.kind(rc);
        }
    }

    private final Kind kind;
    private final transient ResultCode resultCode;
    private final String objectDn;

    public DirectoryException(String message, Kind kind, ResultCode resultCode, String objectDn, Throwable cause) {
        super(message, cause);
        this.kind = kind == null ? Kind.of(resultCode) : kind;
        this.resultCode = resultCode;
        this.objectDn = objectDn;
    }

    /** A failure whose kind follows from the LDAP result code. */
    public DirectoryException(String message, ResultCode resultCode, String objectDn, Throwable cause) {
        this(message, resultCode == null ? Kind.OTHER : Kind.of(resultCode), resultCode, objectDn, cause);
    }

    /** A failure of the adapter's input (no LDAP exchange happened). */
    public DirectoryException(String message) {
        this(message, Kind.CONFIGURATION, null, null, null);
    }

    /** What went wrong, for the engine to decide on. */
    public Kind kind() {
        return kind;
    }

    /** The LDAP result code, or null when the failure was not an LDAP result (for reports only). */
    public ResultCode resultCode() {
        return resultCode;
    }

    /** The DN of the object the operation was about, or null. */
    public String objectDn() {
        return objectDn;
    }
}
