package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.groupwriteback.engine.ad.DirectoryException.Kind;

/**
 * The one translation of UnboundID failures into {@link DirectoryException}s: the {@link Kind} of a
 * result code, and messages that name the account, the object and what to do. An instance knows the
 * account, base and URL of one directory connection; the static methods serve connecting and binding.
 * Thread-safe (immutable).
 */
public final class DirectoryErrors {

    /** What an operation was, for messages about rights. */
    enum Operation {
        READ("read"), CREATE("create groups"), MODIFY("modify groups"), RENAME("rename or move groups"),
        DELETE("delete groups"), MEMBERS("change group members");

        final String verb;

        Operation(String verb) {
            this.verb = verb;
        }
    }

    /** AD's bind failure reason in the diagnostic text: "data 52e", "data 533", ... */
    private static final Pattern BIND_REASON = Pattern.compile("\\bdata ([0-9a-fA-F]{3,4})\\b");

    private final DN bindDn;
    private final DN baseDn;
    private final String url;

    DirectoryErrors(DN bindDn, DN baseDn, String url) {
        this.bindDn = bindDn;
        this.baseDn = baseDn;
        this.url = url;
    }

    /** The kind for an LDAP result code; null (no LDAP answer) counts as {@link Kind#UNAVAILABLE}. */
    public static Kind kind(ResultCode rc) {
        if (rc == null) {
            return Kind.UNAVAILABLE;
        }
        if (rc == ResultCode.ENTRY_ALREADY_EXISTS) {
            return Kind.ALREADY_EXISTS;
        }
        if (rc == ResultCode.NO_SUCH_OBJECT) {
            return Kind.NO_SUCH_OBJECT;
        }
        if (rc == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return Kind.INSUFFICIENT_RIGHTS;
        }
        if (rc == ResultCode.INVALID_CREDENTIALS) {
            return Kind.INVALID_CREDENTIALS;
        }
        if (!ResultCode.isConnectionUsable(rc) || rc == ResultCode.BUSY || rc == ResultCode.UNAVAILABLE
                || rc == ResultCode.TIMEOUT || rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR) {
            return Kind.UNAVAILABLE;
        }
        if (rc == ResultCode.CONSTRAINT_VIOLATION || rc == ResultCode.UNWILLING_TO_PERFORM
                || rc == ResultCode.INVALID_ATTRIBUTE_SYNTAX || rc == ResultCode.OBJECT_CLASS_VIOLATION
                || rc == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS || rc == ResultCode.NO_SUCH_ATTRIBUTE
                || rc == ResultCode.INVALID_DN_SYNTAX || rc == ResultCode.NAMING_VIOLATION
                || rc == ResultCode.NOT_ALLOWED_ON_NONLEAF || rc == ResultCode.NOT_ALLOWED_ON_RDN
                || rc == ResultCode.UNDEFINED_ATTRIBUTE_TYPE) {
            return Kind.REFUSED;
        }
        return Kind.OTHER;
    }

    /**
     * A failed connect, TLS handshake or bind to {@code url} as {@code bindName}: wrong credentials, a server
     * that insists on encryption, a certificate for another name or from an untrusted CA, or no answer at all.
     */
    static DirectoryException connectFailure(LDAPException e, String url, String host, String ca, String bindName) {
        ResultCode rc = e.getResultCode();
        if (rc == ResultCode.INVALID_CREDENTIALS) {
            return new DirectoryException(refusedBind(bindName, e.getDiagnosticMessage()), Kind.INVALID_CREDENTIALS,
                    rc, bindName, e);
        }
        if (rc == ResultCode.STRONG_AUTH_REQUIRED || rc == ResultCode.CONFIDENTIALITY_REQUIRED) {
            return new DirectoryException(host + " requires an encrypted connection for " + bindName
                    + ": use ldaps:// (or enable StartTLS on the domain controller)", Kind.UNAVAILABLE, rc, url, e);
        }
        if (hasNameMismatchCause(e)) {
            return new DirectoryException("the certificate of " + host + " is not issued for the name " + host
                    + ": use the host name the certificate names in directory.ldapUrl", Kind.UNAVAILABLE, null, url,
                    e);
        }
        if (hasTlsTrustCause(e)) {
            String trust = ca == null || ca.isBlank() ? "the JVM's default trust store" : ca;
            return new DirectoryException("the certificate of " + host + " is not trusted by " + trust
                    + ": set directory.caCertificate to the PEM file of the CA that issued it", Kind.UNAVAILABLE, null,
                    url, e);
        }
        return new DirectoryException("cannot reach " + url + ": " + e.getMessage(), Kind.UNAVAILABLE, rc, url, e);
    }

    /**
     * Why AD refused a bind, from the reason code both Windows and Samba put in the diagnostic text
     * ({@code AcceptSecurityContext error, data 533, ...}), with what to do; without one, the generic wording.
     */
    static String refusedBind(String account, String diagnostic) {
        Matcher m = BIND_REASON.matcher(diagnostic == null ? "" : diagnostic);
        String reason = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
        return switch (reason) {
            case "533" -> "the account " + account + " is disabled (AD reason 533): enable it in Active Directory"
                    + " (Enable-ADAccount), then run the cycle again";
            case "775" -> "the account " + account + " is locked out (AD reason 775): unlock it in Active Directory"
                    + " (Unlock-ADAccount) and check directory.passwordFile holds its current password";
            case "532", "773" -> "the password of " + account + " has expired or must be changed (AD reason "
                    + reason + "): set a new one in Active Directory and write it into the file directory.passwordFile"
                    + " names";
            case "701" -> "the account " + account + " has expired (AD reason 701): extend it in Active Directory";
            case "52e", "525" -> "wrong account or password for " + account + " (AD reason " + reason + "): check"
                    + " directory.bindDn and write the account's current password into the file"
                    + " directory.passwordFile names";
            default -> "wrong account or password for " + account;
        };
    }

    private static boolean hasTlsTrustCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The JDK says "No subject alternative names matching ..."; the SDK's verifier "Hostname verification failed". */
    private static boolean hasNameMismatchCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no subject alternative") || m.contains("no name matching")
                    || m.contains("hostname verification failed")) {
                return true;
            }
        }
        return false;
    }

    /** A failed {@code operation} on {@code dn} (null: the directory as a whole), with the kind of its result code. */
    DirectoryException failure(LDAPException e, Operation operation, DN dn) {
        ResultCode code = e.getResultCode();
        String object = dn == null ? null : dn.toString();
        String diagnostic = e.getDiagnosticMessage() == null ? "" : " (" + e.getDiagnosticMessage() + ")";
        String message;
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS && dn != null && operation != Operation.READ
                && operation != Operation.CREATE) {
            // Refused on an existing object: a deny entry on that object itself is as likely as a missing grant.
            message = "the sync account " + bindDn + " may not " + operation.verb + " in " + dn.getParent()
                    + ": refused on " + dn + " (a deny entry on that object, or no grant on the OU); remove the deny"
                    + " entry from its security settings, or grant the rights with `gwb permissions grant`";
        } else if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            DN where = dn == null ? baseDn : operation == Operation.READ ? dn : dn.getParent();
            message = "the sync account " + bindDn + " may not " + operation.verb + " in " + where
                    + ": grant it the rights with `gwb permissions grant`";
        } else if (code == ResultCode.NO_SUCH_OBJECT) {
            DN missing = operation == Operation.CREATE && dn != null ? dn.getParent() : dn;
            message = missing + " does not exist (was the OU deleted?)";
        } else if (code == ResultCode.INVALID_CREDENTIALS) {
            message = "wrong account or password for " + bindDn;
        } else if (code == ResultCode.CONSTRAINT_VIOLATION) {
            message = "the directory refused to " + operation.verb.replace("groups", "group") + " " + object
                    + ": a value breaks a schema limit (names are limited to 64 characters)" + diagnostic;
        } else if (code == ResultCode.NOT_ALLOWED_ON_NONLEAF) {
            message = "cannot delete " + object + ": it has child objects; group-writeback deletes only groups";
        } else if (!code.isConnectionUsable() || code == ResultCode.CONNECT_ERROR || code == ResultCode.TIMEOUT) {
            message = "cannot reach " + url + ": " + e.getMessage();
        } else {
            message = "could not " + operation.verb + " (" + object + "): " + code + diagnostic;
        }
        return new DirectoryException(message, kind(code), code, object, e);
    }

    /** The sync account, for messages that name it. */
    DN bindDn() {
        return bindDn;
    }
}
