package org.groupwriteback.engine.graph;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * The one place that builds the clients for Entra ID and Graph: MSAL4J confidential (engine) and public (admin
 * sign-in) clients with the configured authority and CA trust, the OkHttp client, and the Graph SDK client bound
 * to the configured base URL. Trust comes from a PEM file per client, never from the JVM-wide trust store.
 */
final class GraphClients {
    /** Entra ID's own sign-in hosts: for these, MSAL validates the authority and uses instance discovery. */
    static final Set<String> MICROSOFT_LOGIN_HOSTS = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
            "login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.microsoftonline.de",
            "login.windows.net", "login.microsoft.com", "sts.windows.net");

    private GraphClients() {
    }

    /** Whether MSAL may check {@code authority} against Microsoft's instance discovery (Entra's own hosts only). */
    static boolean isMicrosoftAuthority(URI authority) {
        return authority.getHost() != null
                && MICROSOFT_LOGIN_HOSTS.contains(authority.getHost().toLowerCase(Locale.ROOT));
    }

    /** The CAs in {@code pemFile}, or null (the system trust store) when none is configured. */
    static PemTrust trust(Path pemFile) throws CloudException {
        if (pemFile == null) {
            return null;
        }
        try {
            return PemTrust.load(pemFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new CloudException("Cannot read the CA certificate " + pemFile + ": " + e.getMessage()
                    + ". Point caCertificate at a PEM file, or leave it empty to use the system trust store.", e);
        }
    }

    /** The engine's client-credentials app: certificate or secret from {@code cloud.credential}. */
    static ConfidentialClientApplication confidential(SyncConfiguration.Cloud cloud, PemTrust trust)
            throws CloudException {
        IClientCredential credential = credential(cloud.credential());
        return configure(ConfidentialClientApplication.builder(cloud.clientId(), credential), cloud.authority(), trust)
                .build();
    }

    /** The wizard's public client for the administrator's device-code sign-in. */
    static PublicClientApplication publicClient(String authority, String clientId, PemTrust trust)
            throws CloudException {
        return configure(PublicClientApplication.builder(clientId.trim()), authority, trust).build();
    }

    private static <B extends AbstractClientApplicationBase.Builder<B>> B configure(B builder, String authority,
            PemTrust trust) throws CloudException {
        URI uri;
        try {
            uri = URI.create(authority);
        } catch (IllegalArgumentException e) {
            throw new CloudException("The authority '" + authority + "' is not a valid URL", e);
        }
        try {
            builder.authority(authority.endsWith("/") ? authority : authority + "/");
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new CloudException("The authority '" + authority + "' is not usable: " + e.getMessage(), e);
        }
        if (!isMicrosoftAuthority(uri)) {
            // A non-Microsoft authority (sovereign/private STS or the demo tenant) cannot be checked against
            // Microsoft's instance discovery; for Entra's own hosts validation stays on.
            builder.instanceDiscovery(false).validateAuthority(false);
        }
        if (trust != null) {
            builder.sslSocketFactory(trust.sslContext().getSocketFactory());
        }
        return builder;
    }

    /** Loads the client secret, or the PKCS#12 certificate with its password file. */
    static IClientCredential credential(SyncConfiguration.Credential credential) throws CloudException {
        if (credential.secretFile() != null && !credential.secretFile().isBlank()) {
            try (Secret secret = secret(credential.secretFile(), "cloud.credential.secretFile")) {
                return ClientCredentialFactory.createFromSecret(secret.reveal());
            }
        }
        if (credential.certificateFile() != null && !credential.certificateFile().isBlank()) {
            char[] password = new char[0];
            try {
                if (credential.certificatePasswordFile() != null) {
                    try (Secret secret = secret(credential.certificatePasswordFile(),
                            "cloud.credential.certificatePasswordFile")) {
                        password = secret.chars();
                    }
                }
                byte[] p12 = Files.readAllBytes(Path.of(credential.certificateFile()));
                // MSAL takes the password only as a String.
                return ClientCredentialFactory.createFromCertificate(new ByteArrayInputStream(p12),
                        new String(password));
            } catch (IOException | GeneralSecurityException e) {
                throw new CloudException("Cannot load the client certificate " + credential.certificateFile()
                        + " (cloud.credential.certificateFile, PKCS#12 with its password file): " + e.getMessage(), e);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        throw new CloudException("The cloud credential needs a secretFile or a certificateFile");
    }

    private static Secret secret(String file, String field) throws CloudException {
        try {
            return Secret.fromFile(Path.of(file), field);
        } catch (ConfigurationException e) {
            throw new CloudException(e.errors().stream().map(Object::toString).collect(Collectors.joining("; ")), e);
        }
    }

    /** An OkHttp client with the Graph SDK's middleware (retry honouring Retry-After, redirects) and the trust. */
    static OkHttpClient.Builder http(PemTrust trust, Duration readTimeout) {
        OkHttpClient.Builder builder = GraphClientFactory.create()
                .connectTimeout(Duration.ofSeconds(20))
                .readTimeout(readTimeout);
        if (trust != null) {
            builder.sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager());
        }
        return builder;
    }

    /** The Graph SDK client on {@code http}, pointed at the configured v1.0 base URL. */
    static GraphServiceClient graph(AccessTokenProvider tokens, OkHttpClient http, GraphEndpoint endpoint) {
        GraphServiceClient graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
        graph.getRequestAdapter().setBaseUrl(endpoint.v1Base());
        return graph;
    }

    /** Releases {@code http}'s threads and pooled connections. */
    static void close(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
