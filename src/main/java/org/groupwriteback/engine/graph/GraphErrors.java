package org.groupwriteback.engine.graph;

import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The single translation of Graph and sign-in failures (ApiException, ODataError, MSAL, transport) into
 * {@link CloudException}s that say what failed, on which object, and what the administrator can do.
 */
final class GraphErrors {
    /** Permission names as Graph spells them in its messages, e.g. {@code Group.ReadWrite.All}. */
    private static final Pattern PERMISSION = Pattern.compile("\\b[A-Z][A-Za-z]+(?:\\.[A-Z][A-Za-z]+)*\\.All\\b");

    private final String clientId;
    private final String authority;
    private final String caCertificate;
    private final GraphEndpoint endpoint;

    GraphErrors(String clientId, String authority, String caCertificate, GraphEndpoint endpoint) {
        this.clientId = clientId;
        this.authority = authority;
        this.caCertificate = caCertificate;
        this.endpoint = endpoint;
    }

    /** A Graph call; the SDK's paging may throw reflective exceptions besides its unchecked ones. */
    @FunctionalInterface
    interface GraphCall<T> {
        T run() throws ReflectiveOperationException;
    }

    /** Runs {@code request}; a failure becomes a {@link CloudException} naming {@code what} was tried. */
    <T> T call(String what, GraphCall<T> request) throws CloudException {
        try {
            return request.run();
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw translate(what, e);
        }
    }

    /**
     * As {@link #call}, for a read that needs {@code permission}: a 403 names that permission as missing, so
     * the credential test says exactly what to grant.
     */
    <T> T probe(RequiredPermissions.Permission permission, GraphCall<T> request) throws CloudException {
        try {
            return request.run();
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 403) {
                String message = e instanceof ODataError o && o.getError() != null ? o.getError().getMessage()
                        : e.getMessage();
                String code = code(e);
                throw new CloudException("The app registration " + clientId + " lacks the application permission "
                        + permission.name() + " (needed to " + permission.purpose() + "): Graph answered 403 "
                        + (code == null ? "" : code + ": ") + message + " Grant " + permission.name()
                        + " with admin consent, or let the wizard create the engine's identity.", e);
            }
            throw translate("check the permission " + permission.name(), e);
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw translate("check the permission " + permission.name(), e);
        }
    }

    /** As {@link #call}, but a lost delta state surfaces as {@link DeltaStateLost} so a full import can follow. */
    <T> T delta(String what, GraphCall<T> request) throws CloudException, DeltaStateLost {
        try {
            return request.run();
        } catch (ApiException e) {
            String lost = deltaStateLost(e);
            if (lost != null) {
                throw new DeltaStateLost(lost);
            }
            throw translate(what, e);
        } catch (RuntimeException | ReflectiveOperationException e) {
            throw translate(what, e);
        }
    }

    /** The reason when {@code e} says the delta link is gone (410, syncStateNotFound, resyncRequired), else null. */
    static String deltaStateLost(ApiException e) {
        int status = e.getResponseStatusCode();
        String code = code(e);
        if (status == 410 || "syncStateNotFound".equalsIgnoreCase(code) || "resyncRequired".equalsIgnoreCase(code)) {
            return code != null ? code : "HTTP " + status;
        }
        return null;
    }

    /** Maps a failed Graph request to plain words; sign-in failures travelling through the SDK keep their own. */
    CloudException translate(String what, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MsalAccessTokenProvider.TokenFailure f) {
                return f.cloudException();
            }
            if (t instanceof GraphPages.ForeignLink l) {
                return l.cloudException();
            }
        }
        if (e instanceof ApiException a && a.getResponseStatusCode() > 0) {
            int status = a.getResponseStatusCode();
            String code = code(a);
            String message = a instanceof ODataError o && o.getError() != null ? o.getError().getMessage()
                    : a.getMessage();
            String detail = (code == null ? "" : code + ": ") + message;
            if (status == 403) {
                Set<String> named = permissions(message);
                String grant = named.isEmpty() ? "the application permissions " + RequiredPermissions.describe(true)
                        : "the application permission " + String.join(", ", named)
                                + " (the engine needs " + RequiredPermissions.describe(true) + ")";
                return new CloudException("Graph refused to " + what + ": insufficient privileges (" + detail
                        + "). Grant the app registration " + clientId + " " + grant + " with admin consent.", e);
            }
            if (status == 401) {
                return new CloudException("Graph did not accept the access token when trying to " + what + " ("
                        + detail + "). Check that the authority and graphBaseUrl belong to the same cloud.", e);
            }
            return new CloudException("Graph failed to " + what + ": HTTP " + status + " " + detail, e);
        }
        CloudException network = network(e, "the Graph endpoint " + endpoint.host(), endpoint.host(), "graphBaseUrl");
        if (network != null) {
            return network;
        }
        return new CloudException("Could not " + what + " from " + endpoint.v1Base() + ": " + rootMessage(e), e);
    }

    /** Maps an MSAL sign-in failure to plain words, with a hint for the usual configuration mistakes. */
    CloudException signIn(Throwable failure) {
        if (failure instanceof MsalServiceException s) {
            String first = s.getMessage() == null ? "" : s.getMessage().split("\\r?\\n")[0];
            String hint = switch (s.errorCode() == null ? "" : s.errorCode()) {
                case "invalid_client" -> " Check the client secret or certificate of app " + clientId + ".";
                case "unauthorized_client" -> " Check the client id " + clientId + " and the tenant in the authority.";
                case "invalid_resource" -> " Check graphBaseUrl: the tenant does not know that resource.";
                default -> "";
            };
            return new CloudException("Sign-in to " + authority + " was refused: " + first + hint, failure);
        }
        String host = URI.create(authority).getHost();
        CloudException network = network(failure, "the sign-in authority " + host, host, "authority");
        if (network != null) {
            return network;
        }
        return new CloudException("Sign-in to " + authority + " failed: " + rootMessage(failure), failure);
    }

    /**
     * Maps a transport failure (DNS, refused connection, TLS trust or host name) to plain words naming
     * {@code endpoint} (e.g. "the Graph endpoint graph.microsoft.com") and the configuration {@code field} that
     * holds its URL, or null.
     */
    CloudException network(Throwable e, String endpoint, String host, String field) {
        String mismatch = hostNameMismatch(e);
        if (mismatch != null) {
            return new CloudException("TLS failed for " + endpoint + ": its certificate does not name " + host
                    + " (" + mismatch + "). Use the host name the certificate was issued for in " + field
                    + ", or have a certificate issued that names " + host + ".", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof CertPathValidatorException
                    || t instanceof CertificateException) {
                String trust = caCertificate == null ? "the system trust store" : caCertificate;
                return new CloudException("TLS failed for " + endpoint + ": the certificate of " + host
                        + " is not trusted by " + trust + ". Set caCertificate to the PEM file of the CA that issued it.",
                        e);
            }
            if (t instanceof UnknownHostException) {
                return new CloudException("Cannot reach " + host + ": the host name is unknown (DNS).", e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new CloudException("Cannot reach " + host + ": connection refused or no route. Check the URL, "
                        + "proxy and firewall.", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new CloudException("Cannot reach " + host + ": the connection timed out.", e);
            }
            if (t instanceof SSLException) {
                return new CloudException("TLS failed for " + endpoint + ": " + t.getMessage(), e);
            }
        }
        return null;
    }

    /**
     * The JDK's or OkHttp's words when the server's certificate is trusted but issued for other names, else null:
     * a different fix from an untrusted CA, so it gets its own message.
     */
    static String hostNameMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SSLPeerUnverifiedException || (t instanceof CertificateException && m != null
                    && (m.startsWith("No subject alternative") || m.startsWith("No name matching")))) {
                String first = m == null ? "host name not verified" : m.split("\\R")[0];
                return first.length() > 200 ? first.substring(0, 200) + "..." : first;
            }
        }
        return null;
    }

    /** The permission names (like {@code Group.Read.All}) a 403 message mentions, in order. */
    static Set<String> permissions(String message) {
        Set<String> names = new LinkedHashSet<>();
        if (message != null) {
            Matcher m = PERMISSION.matcher(message);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** The innermost cause's class and message: what actually went wrong. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String code(ApiException e) {
        return e instanceof ODataError o && o.getError() != null ? o.getError().getCode() : null;
    }
}
