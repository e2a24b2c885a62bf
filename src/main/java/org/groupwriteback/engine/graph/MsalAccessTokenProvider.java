package org.groupwriteback.engine.graph;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kiota access-token provider backed by an MSAL4J confidential client (client credentials): hands the
 * Graph SDK a bearer token for the configured Graph host only, over HTTPS only. MSAL caches the token
 * and renews it before it expires.
 */
final class MsalAccessTokenProvider implements AccessTokenProvider {
    private final ConfidentialClientApplication app;
    private final String scope;
    private final AllowedHostsValidator allowedHosts;
    private final SignInErrors errors;

    MsalAccessTokenProvider(ConfidentialClientApplication app, String scope, String graphHost, SignInErrors errors) {
        this.app = app;
        this.scope = scope;
        this.allowedHosts = new AllowedHostsValidator(graphHost);
        this.errors = errors;
    }

    /** Maps an MSAL failure to a {@link CloudException} with plain words. */
    interface SignInErrors {
        CloudException translate(Throwable failure);
    }

    /** A token failure travelling through the SDK (which only lets unchecked exceptions pass). */
    static final class TokenFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TokenFailure(CloudException cause) {
            super(cause.getMessage(), cause);
        }

        CloudException cloudException() {
            return (CloudException) getCause();
        }
    }

    /** Signs in (or takes the cached token) and returns the access token. */
    String acquire() throws CloudException {
        try {
            return app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build())
                    .get(60, TimeUnit.SECONDS).accessToken();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("Sign-in was interrupted", e);
        } catch (ExecutionException e) {
            throw errors.translate(e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            throw errors.translate(e);
        } catch (RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String getAuthorizationToken(URI uri, Map<String, Object> additionalContext) {
        if (!allowedHosts.isUrlHostValid(uri)) {
            return "";
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("Refusing to send a token over " + uri.getScheme() + " to " + uri.getHost());
        }
        try {
            return acquire();
        } catch (CloudException e) {
            throw new TokenFailure(e);
        }
    }

    @Override
    public AllowedHostsValidator getAllowedHostsValidator() {
        return allowedHosts;
    }
}
