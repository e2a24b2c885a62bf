package org.groupwriteback.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.GraphCloudSource;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.WizardServices.DeviceCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's Entra ID side on the real engine: the administrator's sign-in ({@link AdminSignIn}, in a browser
 * or with a device code, cancellable), the creation of the engine's identity ({@link AppProvisioning}, key files
 * in the data directory) and the test of a given service credential ({@link GraphCloudSource#verifyCredential}).
 * The administrator's token stays in this object for the wizard session.
 */
public final class EntraIdentityServices {
    private static final Logger LOG = LoggerFactory.getLogger(EntraIdentityServices.class);
    /** Graph of the public cloud, when no configuration names another. */
    static final String DEFAULT_GRAPH = "https://graph.microsoft.com/v1.0";
    /** How long the wizard waits for a new certificate to replicate before giving up. */
    public static final Duration DEFAULT_REPLICATION_WAIT = Duration.ofMinutes(5);

    private final DataDirectory data;
    private final Supplier<Optional<SyncConfiguration.Cloud>> known;
    private final AdminSignIn.Browser browser;
    private final Duration signInTimeout;
    private final Duration replicationWait;
    private AdminSignIn admin;
    private Thread signingIn;

    /**
     * @param known the cloud settings in force (or of the first-run draft): Graph base URL and CA file
     * @param browser opens the authorization page; null = the desktop's system browser
     */
    public EntraIdentityServices(DataDirectory data, Supplier<Optional<SyncConfiguration.Cloud>> known,
            AdminSignIn.Browser browser, Duration signInTimeout, Duration replicationWait) {
        this.data = data;
        this.known = known;
        this.browser = browser;
        this.signInTimeout = signInTimeout;
        this.replicationWait = replicationWait;
    }

    /**
     * True when a browser can be opened: the given one, a desktop whose default browser Java can start, or
     * {@code xdg-open} on a graphical session.
     */
    public boolean canOpenBrowser() {
        return browser != null || desktopBrowser() || xdgOpen().isPresent();
    }

    private static boolean desktopBrowser() {
        try {
            return java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no desktop browser: {}", e.toString());
            return false;
        }
    }

    /** {@code xdg-open} on the PATH of a graphical session (X11 or Wayland), else empty. */
    static Optional<Path> xdgOpen() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "xdg-open");
            if (java.nio.file.Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The system browser: the desktop's through Java, else {@code xdg-open}. */
    private static AdminSignIn.Browser systemBrowser() {
        if (desktopBrowser()) {
            return AdminSignIn.systemBrowser();
        }
        Path xdg = xdgOpen().orElseThrow(() -> new IllegalStateException(
                "No system browser is available here; use the device code sign-in"));
        return url -> {
            try {
                new ProcessBuilder(xdg.toString(), url.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot start " + xdg + ": " + e.getMessage(), e);
            }
        };
    }

    /** The interactive sign-in in the browser (loopback redirect, PKCE). */
    public TenantInfo signInInBrowser(String authority, String clientId) throws CloudException {
        AdminSignIn signIn = newSignIn(authority, clientId);
        AdminSignIn.Browser open = browser != null ? browser : systemBrowser();
        return signedIn(signIn, running(() -> signIn.signInInteractive(open)));
    }

    /** The device code sign-in; {@code prompt} receives the code as soon as Entra issues it. */
    public TenantInfo signInWithDeviceCode(String authority, String clientId, Consumer<DeviceCode> prompt)
            throws CloudException {
        AdminSignIn signIn = newSignIn(authority, clientId);
        return signedIn(signIn, running(() -> signIn.signIn(p -> prompt.accept(
                new DeviceCode(p.userCode(), p.verificationUri(), p.message())))));
    }

    /** Interrupts the sign-in that waits for the administrator, if any. */
    public synchronized void cancelSignIn() {
        if (signingIn != null) {
            LOG.info("the administrator cancelled the sign-in");
            signingIn.interrupt();
        }
    }

    /** Creates (or reuses) the engine's app registration; the key files go into the data directory. */
    public AppProvisioning.EngineIdentity createEngineIdentity(boolean manageWriteback, Consumer<String> progress)
            throws CloudException {
        AppProvisioning.EngineIdentity identity = new AppProvisioning(signedInAdmin(), data.root(), replicationWait)
                .create(AppProvisioning.DEFAULT_NAME, manageWriteback, progress);
        LOG.info("the engine's identity is app {}; undo with: gwb app remove", identity.appId());
        return identity;
    }

    /** The service credential test: token, {@code /organization} and one read per required permission. */
    public TenantInfo testCredential(SyncConfiguration.Cloud cloud) throws CloudException {
        try (GraphCloudSource source = new GraphCloudSource(data.resolved(cloud))) {
            TenantInfo tenant = source.verifyCredential();
            LOG.info("the credential of app {} works for tenant {}", cloud.clientId(), tenant.tenantId());
            return tenant;
        }
    }

    /** True once an administrator has signed in in this session. */
    public synchronized boolean signedIn() {
        return admin != null;
    }

    /** A few groups of the signed-in tenant (the naming example). */
    public List<CloudGroup> groups(int max) throws CloudException {
        return signedInAdmin().groups(max);
    }

    private synchronized AdminSignIn signedInAdmin() throws CloudException {
        if (admin == null) {
            throw new CloudException("Sign in to Entra ID first");
        }
        return admin;
    }

    private AdminSignIn newSignIn(String authority, String clientId) {
        SyncConfiguration.Cloud cloud = known.get().orElse(null);
        String graph = cloud != null && cloud.graphBaseUrl() != null ? cloud.graphBaseUrl() : DEFAULT_GRAPH;
        Path ca = cloud == null ? null : data.resolve(cloud.caCertificate());
        return new AdminSignIn(authority, clientId, graph, ca, signInTimeout);
    }

    /** A sign-in call that {@link #cancelSignIn()} can interrupt. */
    @FunctionalInterface
    private interface SignInCall {
        AdminSignIn.Result call() throws CloudException;
    }

    private AdminSignIn.Result running(SignInCall call) throws CloudException {
        synchronized (this) {
            signingIn = Thread.currentThread();
        }
        try {
            return call.call();
        } finally {
            synchronized (this) {
                signingIn = null;
                // A cancel that came after the sign-in finished must not hit the next task on this thread.
                Thread.interrupted();
            }
        }
    }

    private synchronized TenantInfo signedIn(AdminSignIn signIn, AdminSignIn.Result result) {
        admin = signIn;
        return result.tenant();
    }
}
