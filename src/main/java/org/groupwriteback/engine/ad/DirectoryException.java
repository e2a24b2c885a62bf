package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.ResultCode;

/**
 * A failure talking to Active Directory: carries the LDAP result code (null when there was no LDAP
 * answer, e.g. TLS refused) and the object concerned, and a message that says what failed on which
 * object and what to do ("the sync account lacks the right to create groups in OU=...: run gwb
 * permissions grant"). Never contains a password.
 */
public class DirectoryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ResultCode resultCode;
    private final String objectDn;

    public DirectoryException(String message, ResultCode resultCode, String objectDn, Throwable cause) {
        super(message, cause);
        this.resultCode = resultCode;
        this.objectDn = objectDn;
    }

    public DirectoryException(String message) {
        this(message, null, null, null);
    }

    /** The LDAP result code, or null when the failure was not an LDAP result. */
    public ResultCode resultCode() {
        return resultCode;
    }

    /** The DN of the object the operation was about, or null. */
    public String objectDn() {
        return objectDn;
    }
}
