package org.groupwriteback.engine.graph;

import com.microsoft.aad.msal4j.AuthenticationErrorCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's sign-in of the wizard: MSAL4J's public client in the system browser with a loopback
 * redirect (the default) or with the device code flow (no browser), then
 * {@code GET /organization} with that token to show which tenant was reached, and a few groups for the wizard's
 * naming example. The token lives in this object for the wizard session only; it is never stored or logged.
 */
public final class AdminSignIn {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSignIn.class);

    /** How long the administrator has to enter the code (Entra's device codes live 15 minutes). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    /** The code and address to show while the administrator signs in on another device. */
    public record Prompt(String userCode, String verificationUri, String message) {
    }

    /** Who signed in to which tenant. */
    public record Result(TenantInfo tenant, String username) {
    }

    private final String authority;
    private final String clientId;
    private final String graphBaseUrl;
    private final Path caCertificate;
    private final Duration timeout;
    private volatile Session session;

    /** What a successful sign-in leaves for later reads in the same wizard session. */
    private record Session(GraphEndpoint graph, PemTrust trust, String accessToken, TenantInfo tenant) {
        @Override
        public String toString() {
            return "Session[" + graph.v1Base() + "]";
        }
    }

    /** A Graph call made with the administrator's token. */
    @FunctionalInterface
    interface GraphCall<T> {
        T call(GraphServiceClient graph) throws CloudException;
    }

    /**
     * @param authority e.g. {@code https://login.microsoftonline.com/organizations} or a national cloud's
     * @param clientId the app registration that allows public client flows
     * @param graphBaseUrl e.g. {@code https://graph.microsoft.com/v1.0}; its origin is the token's resource
     * @param caCertificate PEM CAs to trust for both hosts, or null for the JVM's trust store
     */
    public AdminSignIn(String authority, String clientId, String graphBaseUrl, Path caCertificate, Duration timeout) {
        this.authority = authority;
        this.clientId = clientId;
        this.graphBaseUrl = graphBaseUrl;
        this.caCertificate = caCertificate;
        this.timeout = timeout;
    }

    /** The tenant the last successful sign-in reached, or null before. */
    TenantInfo tenant() {
        Session s = session;
        return s == null ? null : s.tenant();
    }

    /** The service's view of this sign-in: the tenant authority, Graph base URL and CA file. */
    SyncConfiguration.Cloud serviceCloud(String clientId, SyncConfiguration.Credential credential)
            throws CloudException {
        TenantInfo t = tenant();
        if (t == null) {
            throw new CloudException("Sign in to Entra ID first");
        }
        return new SyncConfiguration.Cloud(TenantAuthority.of(authority, t.tenantId()), graphBaseUrl, clientId,
                credential, caCertificate == null ? null : caCertificate.toString());
    }

    /** Runs {@code call} with a Graph client carrying the administrator's token. */
    <T> T asAdmin(String what, GraphCall<T> call) throws CloudException {
        Session s = session;
        if (s == null) {
            throw new CloudException("Sign in to Entra ID first");
        }
        return withGraph(s, what, call);
    }

    /** Whether MSAL may check {@code authority} against Microsoft's instance discovery (Entra's own hosts only). */
    static boolean isMicrosoftAuthority(URI authority) {
        return GraphClients.isMicrosoftAuthority(authority);
    }

    /**
     * Runs the device code flow; {@code prompt} receives the code on the calling thread as soon as Entra issues
     * it, then this call waits until the administrator has signed in (or the code expires).
     */
    public Result signIn(Consumer<Prompt> prompt) throws CloudException {
        GraphEndpoint graph = prepare();
        PemTrust trust = GraphClients.trust(caCertificate);
        return finish(graph, trust, acquire(trust, scopes(graph), prompt));
    }

    /**
     * The default sign-in: MSAL opens the authorization page through {@code browser} (the system browser, or a
     * replacement in tests and the demo) and receives the answer on a loopback redirect
     * ({@code http://localhost:<free port>}), with PKCE. Waits until the administrator has signed in.
     */
    public Result signInInteractive(Browser browser) throws CloudException {
        GraphEndpoint graph = prepare();
        PemTrust trust = GraphClients.trust(caCertificate);
        PublicClientApplication app = GraphClients.publicClient(authority, clientId, trust);
        InteractiveRequestParameters parameters = InteractiveRequestParameters.builder(URI.create("http://localhost"))
                .scopes(scopes(graph))
                .systemBrowserOptions(SystemBrowserOptions.builder().openBrowserAction(browser::open).build())
                .build();
        return finish(graph, trust, await(app.acquireToken(parameters)));
    }

    /** Opens the authorization page for the administrator: the system browser, or a stand-in. */
    @FunctionalInterface
    public interface Browser {
        /** Shows {@code url}; returns once it is opened (the answer arrives on the loopback redirect). */
        void open(java.net.URL url);
    }

    /** The opener of the system browser: the desktop's default browser. */
    public static Browser systemBrowser() {
        return url -> {
            if (!java.awt.Desktop.isDesktopSupported()
                    || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                throw new IllegalStateException("No system browser is available here; use the device code sign-in");
            }
            try {
                java.awt.Desktop.getDesktop().browse(url.toURI());
            } catch (java.io.IOException | java.net.URISyntaxException e) {
                throw new IllegalStateException("Cannot open the system browser: " + e.getMessage(), e);
            }
        };
    }

    private GraphEndpoint prepare() throws CloudException {
        parse(authority, "authority");
        GraphEndpoint graph = GraphEndpoint.parse(graphBaseUrl);
        if (clientId == null || clientId.isBlank()) {
            throw new CloudException("Enter the application (client) ID of the app registration to sign in with");
        }
        return graph;
    }

    /** The delegated scopes of {@link RequiredPermissions#ADMIN_SCOPES} on the configured Graph resource. */
    private static Set<String> scopes(GraphEndpoint graph) {
        String resource = graph.scope().substring(0, graph.scope().length() - ".default".length());
        Set<String> scopes = new java.util.LinkedHashSet<>();
        RequiredPermissions.ADMIN_SCOPES.forEach(s -> scopes.add(resource + s));
        return scopes;
    }

    private Result finish(GraphEndpoint graph, PemTrust trust, IAuthenticationResult token) throws CloudException {
        Session probe = new Session(graph, trust, token.accessToken(), null);
        TenantInfo tenant = withGraph(probe, "read the organization", AdminSignIn::organization);
        session = new Session(graph, trust, token.accessToken(), tenant);
        String user = token.account() == null ? null : token.account().username();
        LOG.info("administrator {} signed in to tenant {} ({})", user, tenant.displayName(), tenant.tenantId());
        return new Result(tenant, user);
    }

    private IAuthenticationResult acquire(PemTrust trust, Set<String> scopes, Consumer<Prompt> prompt)
            throws CloudException {
        PublicClientApplication app = GraphClients.publicClient(authority, clientId, trust);
        // MSAL hands the code over on its own thread; the caller gets it on the calling thread (the wizard's
        // contract), so it is passed through a queue while this thread waits for the sign-in to finish.
        BlockingQueue<Prompt> prompts = new LinkedBlockingQueue<>();
        DeviceCodeFlowParameters parameters = DeviceCodeFlowParameters.builder(scopes,
                code -> prompts.add(new Prompt(code.userCode(), code.verificationUri(), code.message()))).build();
        CompletableFuture<IAuthenticationResult> future = app.acquireToken(parameters);
        return await(future, prompts, prompt);
    }

    private IAuthenticationResult await(CompletableFuture<IAuthenticationResult> future) throws CloudException {
        return await(future, new LinkedBlockingQueue<>(), p -> { });
    }

    private IAuthenticationResult await(CompletableFuture<IAuthenticationResult> future, BlockingQueue<Prompt> prompts,
            Consumer<Prompt> prompt) throws CloudException {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Prompt p = prompts.poll(100, TimeUnit.MILLISECONDS);
                if (p != null) {
                    prompt.accept(p);
                }
                if (future.isDone() && prompts.isEmpty()) {
                    return future.get();
                }
                if (System.nanoTime() > deadline) {
                    future.cancel(true);
                    throw new TimeoutException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("The sign-in was interrupted", e);
        } catch (TimeoutException e) {
            throw new CloudException("The sign-in did not complete within " + timeout.toMinutes()
                    + " minutes; sign in again and finish it promptly", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof MsalServiceException s) {
                String first = s.getMessage() == null ? "" : s.getMessage().split("\\r?\\n")[0];
                String hint = switch (s.errorCode() == null ? "" : s.errorCode()) {
                    case "unauthorized_client", "invalid_client" -> " Check the client ID " + clientId
                            + " and that the app registration allows public client flows.";
                    case "expired_token", "code_expired" -> " The code expired; sign in again.";
                    case "authorization_declined", "access_denied" -> " The sign-in was declined.";
                    default -> "";
                };
                throw new CloudException("Sign-in to " + authority + " was refused: " + first + hint, s);
            }
            if (cause instanceof MsalClientException c && AuthenticationErrorCode.INVALID_AUTHORIZATION_RESULT.equals(c.errorCode())) {
                throw new CloudException("The sign-in in the browser returned no authorization code from "
                        + authority + ": it was declined or cancelled (" + c.getMessage() + "). Sign in again, or"
                        + " use the device code sign-in.", c);
            }
            throw new CloudException("Cannot sign in at " + authority + ": " + describe(cause)
                    + ". Check the authority URL, the network and the CA certificate.", cause);
        }
    }

    /**
     * Up to {@code max} groups of the signed-in tenant (id, display name and the properties writeback looks at),
     * for the live naming example. Needs a successful {@link #signIn} first.
     */
    public List<CloudGroup> groups(int max) throws CloudException {
        Session s = session;
        if (s == null) {
            throw new CloudException("Sign in to Entra ID first");
        }
        return withGraph(s, "list groups", graph -> {
            GroupCollectionResponse page = graph.groups().get(r -> {
                r.queryParameters.top = Math.max(1, Math.min(max, 999));
                r.queryParameters.select = new String[] {"id", "displayName", "description", "mailNickname",
                    "mail", "groupTypes", "securityEnabled", "mailEnabled"};
            });
            List<CloudGroup> out = new ArrayList<>();
            if (page != null && page.getValue() != null) {
                for (Group g : page.getValue()) {
                    if (g.getId() != null && out.size() < max) {
                        out.add(new CloudGroup(g.getId(), g.getDisplayName(), g.getDescription(),
                                g.getMailNickname(), g.getMail(), g.getGroupTypes(),
                                Boolean.TRUE.equals(g.getSecurityEnabled()), Boolean.TRUE.equals(g.getMailEnabled()),
                                null, null, null, null, false));
                    }
                }
            }
            return out;
        });
    }

    private static TenantInfo organization(GraphServiceClient graph) throws CloudException {
        return GraphCloudSource.tenant(graph.organization().get(), "the signed-in tenant");
    }

    private static <T> T withGraph(Session s, String what, GraphCall<T> call) throws CloudException {
        AccessTokenProvider provider = new AccessTokenProvider() {
            private final AllowedHostsValidator hosts = new AllowedHostsValidator(s.graph().host());

            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                // Only the configured Graph host over HTTPS ever sees the administrator's token.
                return hosts.isUrlHostValid(uri) && "https".equalsIgnoreCase(uri.getScheme()) ? s.accessToken() : "";
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return hosts;
            }
        };
        OkHttpClient client = GraphClients.http(s.trust(), Duration.ofSeconds(60)).build();
        try {
            return call.call(GraphClients.graph(provider, client, s.graph()));
        } catch (ApiException e) {
            String hint = e.getResponseStatusCode() == 401 ? " The sign-in has expired: sign in again."
                    : e.getResponseStatusCode() == 403 ? " The app registration needs the delegated permissions "
                            + String.join(", ", RequiredPermissions.ADMIN_SCOPES) + " (admin consent)." : "";
            throw new CloudException("Signed in, but could not " + what + " at " + s.graph().v1Base() + " (HTTP "
                    + e.getResponseStatusCode() + "): " + e.getMessage() + "." + hint, e);
        } catch (RuntimeException e) {
            throw new CloudException("Signed in, but could not " + what + " at " + s.graph().v1Base() + ": "
                    + describe(e), e);
        } finally {
            GraphClients.close(client);
        }
    }

    private static URI parse(String url, String what) throws CloudException {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CloudException("The " + what + " '" + url + "' is not a valid URL", e);
        }
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
