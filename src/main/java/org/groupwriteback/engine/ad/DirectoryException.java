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
            if (rc == null) {
                return UNAVAILABLE;
            }
            if (rc == ResultCode.ENTRY_ALREADY_EXISTS) {
                return ALREADY_EXISTS;
            }
            if (rc == ResultCode.NO_SUCH_OBJECT) {
                return NO_SUCH_OBJECT;
            }
            if (rc == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
                return INSUFFICIENT_RIGHTS;
            }
            if (rc == ResultCode.INVALID_CREDENTIALS) {
                return INVALID_CREDENTIALS;
            }
            if (!ResultCode.isConnectionUsable(rc) || rc == ResultCode.BUSY || rc == ResultCode.UNAVAILABLE
                    || rc == ResultCode.TIMEOUT || rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR) {
                return UNAVAILABLE;
            }
            if (rc == ResultCode.CONSTRAINT_VIOLATION || rc == ResultCode.UNWILLING_TO_PERFORM
                    || rc == ResultCode.INVALID_ATTRIBUTE_SYNTAX || rc == ResultCode.OBJECT_CLASS_VIOLATION
                    || rc == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS || rc == ResultCode.NO_SUCH_ATTRIBUTE
                    || rc == ResultCode.INVALID_DN_SYNTAX || rc == ResultCode.NAMING_VIOLATION
                    || rc == ResultCode.NOT_ALLOWED_ON_NONLEAF || rc == ResultCode.NOT_ALLOWED_ON_RDN
                    || rc == ResultCode.UNDEFINED_ATTRIBUTE_TYPE) {
                return REFUSED;
            }
            return OTHER;
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
