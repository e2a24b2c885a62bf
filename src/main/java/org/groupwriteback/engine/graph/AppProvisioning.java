package org.groupwriteback.engine.graph;

import com.microsoft.graph.models.AppRole;
import com.microsoft.graph.models.AppRoleAssignment;
import com.microsoft.graph.models.Application;
import com.microsoft.graph.models.ApplicationCollectionResponse;
import com.microsoft.graph.models.KeyCredential;
import com.microsoft.graph.models.ServicePrincipal;
import com.microsoft.graph.models.ServicePrincipalCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.cert.CertException;
import com.unboundid.util.ssl.cert.PublicKeyAlgorithmIdentifier;
import com.unboundid.util.ssl.cert.SignatureAlgorithmIdentifier;
import com.unboundid.util.ssl.cert.X509Certificate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the engine's identity with the administrator's delegated token, the way Connect creates its sync
 * account: an application + service principal (reused by display name), a certificate whose private key stays
 * on this server (PKCS#12 and its password in separate owner-only files), the application permissions of
 * {@link RequiredPermissions} with admin consent, then waits until a client-credentials token works.
 */
public final class AppProvisioning {
    private static final Logger LOG = LoggerFactory.getLogger(AppProvisioning.class);
    /** The display name of the engine's app registration. */
    public static final String DEFAULT_NAME = "Group writeback engine";
    static final String CERTIFICATE_FILE = "engine-credential.p12";
    static final String PASSWORD_FILE = "engine-credential.password";

    /** What was created: the ids, the credential to configure, and every step taken (for Ready and the log). */
    public record EngineIdentity(String appId, String applicationObjectId, SyncConfiguration.Cloud cloud,
            List<String> actions) {
        public EngineIdentity {
            actions = List.copyOf(actions);
        }
    }

    private final AdminSignIn admin;
    private final Path keyDirectory;
    private final Duration maxWait;

    /**
     * @param admin a signed-in administrator (delegated {@link RequiredPermissions#ADMIN_SCOPES})
     * @param keyDirectory where the PKCS#12 file and its password file are written (owner-only)
     * @param maxWait how long to wait for the new certificate to replicate
     */
    public AppProvisioning(AdminSignIn admin, Path keyDirectory, Duration maxWait) {
        this.admin = admin;
        this.keyDirectory = keyDirectory;
        this.maxWait = maxWait;
    }

    /** Creates (or reuses) the identity; {@code progress} receives each step and the replication countdown. */
    public EngineIdentity create(String displayName, boolean manageWriteback, Consumer<String> progress)
            throws CloudException {
        List<String> actions = new ArrayList<>();
        Consumer<String> did = a -> {
            actions.add(a);
            LOG.info("engine identity: {}", a);
            progress.accept(a);
        };
        Application app = admin.asAdmin("find or create the application " + displayName, g -> {
            ApplicationCollectionResponse found = g.applications().get(r -> r.queryParameters.filter =
                    "displayName eq '" + displayName.replace("'", "''") + "'");
            if (found != null && found.getValue() != null && !found.getValue().isEmpty()) {
                return found.getValue().get(0);
            }
            Application a = new Application();
            a.setDisplayName(displayName);
            a.setSignInAudience("AzureADMyOrg");
            return g.applications().post(a);
        });
        did.accept("Application '" + displayName + "' (app id " + app.getAppId() + ", object id " + app.getId()
                + ")");
        SyncConfiguration.Credential credential = certificate(app, displayName);
        did.accept("Certificate credential: private key in " + credential.certificateFile() + ", password in "
                + credential.certificatePasswordFile() + " (owner-only); public key uploaded to the application");
        ServicePrincipal sp = admin.asAdmin("create the service principal", g -> servicePrincipal(g, app.getAppId(),
                true));
        did.accept("Service principal " + sp.getId() + " for the application");
        ServicePrincipal graphSp = admin.asAdmin("read Microsoft Graph's service principal",
                g -> servicePrincipal(g, RequiredPermissions.GRAPH_APP_ID, false));
        for (RequiredPermissions.Permission p : RequiredPermissions.application(manageWriteback)) {
            UUID role = graphSp.getAppRoles().stream().filter(r -> p.name().equals(r.getValue()))
                    .map(AppRole::getId).findFirst().orElseThrow(() -> new IllegalStateException(
                            "Microsoft Graph offers no application permission " + p.name()));
            admin.asAdmin("grant " + p.name(), g -> {
                AppRoleAssignment grant = new AppRoleAssignment();
                grant.setPrincipalId(UUID.fromString(sp.getId()));
                grant.setResourceId(UUID.fromString(graphSp.getId()));
                grant.setAppRoleId(role);
                return g.servicePrincipals().byServicePrincipalId(sp.getId()).appRoleAssignments().post(grant);
            });
            did.accept("Granted " + p.name() + " (application, admin consent): " + p.purpose());
        }
        SyncConfiguration.Cloud cloud = admin.serviceCloud(app.getAppId(), credential);
        waitUntilUsable(cloud, progress);
        did.accept("Client-credentials sign-in with the certificate works at " + cloud.authority());
        return new EngineIdentity(app.getAppId(), app.getId(), cloud, actions);
    }

    /** Deletes the app registration {@code appId} (and with it its service principal and consent). */
    public static void remove(AdminSignIn admin, String appId) throws CloudException {
        admin.asAdmin("delete the application " + appId, g -> {
            ApplicationCollectionResponse found = g.applications().get(r -> r.queryParameters.filter =
                    "appId eq '" + appId + "'");
            if (found == null || found.getValue() == null || found.getValue().isEmpty()) {
                throw new CloudException("No app registration with app id " + appId + " exists in the tenant");
            }
            g.applications().byApplicationId(found.getValue().get(0).getId()).delete();
            return null;
        });
    }

    /** Deletes the key files {@link #create} wrote into {@code keyDirectory}; returns the ones removed. */
    public static List<Path> removeKeyFiles(Path keyDirectory) throws IOException {
        List<Path> removed = new ArrayList<>();
        for (String name : List.of(CERTIFICATE_FILE, PASSWORD_FILE)) {
            if (Files.deleteIfExists(keyDirectory.resolve(name))) {
                removed.add(keyDirectory.resolve(name));
            }
        }
        return removed;
    }

    private static ServicePrincipal servicePrincipal(GraphServiceClient g, String appId, boolean create) {
        ServicePrincipalCollectionResponse found = g.servicePrincipals().get(r -> r.queryParameters.filter =
                "appId eq '" + appId + "'");
        if (found != null && found.getValue() != null && !found.getValue().isEmpty()) {
            return found.getValue().get(0);
        }
        if (!create) {
            throw new IllegalStateException("No service principal with app id " + appId + " in the tenant");
        }
        ServicePrincipal sp = new ServicePrincipal();
        sp.setAppId(appId);
        return g.servicePrincipals().post(sp);
    }

    /** Generates the key pair and certificate, writes the PKCS#12 and password files, uploads the public key. */
    private SyncConfiguration.Credential certificate(Application app, String displayName) throws CloudException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        Path p12 = keyDirectory.resolve(CERTIFICATE_FILE);
        Path passwordFile = keyDirectory.resolve(PASSWORD_FILE);
        byte[] der;
        try {
            long now = System.currentTimeMillis();
            ObjectPair<X509Certificate, KeyPair> generated = X509Certificate.generateSelfSignedCertificate(
                    SignatureAlgorithmIdentifier.SHA_256_WITH_RSA, PublicKeyAlgorithmIdentifier.RSA, 2048,
                    new DN(new RDN("CN", displayName)), now - 60_000, now + Duration.ofDays(730).toMillis());
            Certificate certificate = generated.getFirst().toCertificate();
            der = certificate.getEncoded();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("engine", generated.getSecond().getPrivate(), password, new Certificate[] {certificate});
            Files.createDirectories(keyDirectory);
            try (OutputStream out = Files.newOutputStream(ownerOnly(p12))) {
                store.store(out, password);
            }
            DataDirectory.writeSecretFile(passwordFile, password);
        } catch (CertException | IOException | GeneralSecurityException e) {
            throw new CloudException("Cannot create the engine's certificate in " + keyDirectory + ": "
                    + e.getMessage() + ". Check that the directory is writable by the service account.", e);
        } finally {
            Arrays.fill(password, '\0');
        }
        admin.asAdmin("upload the certificate to the application " + app.getAppId(), g -> {
            KeyCredential key = new KeyCredential();
            key.setType("AsymmetricX509Cert");
            key.setUsage("Verify");
            key.setKey(der);
            key.setDisplayName("CN=" + displayName);
            Application patch = new Application();
            patch.setKeyCredentials(List.of(key));
            g.applications().byApplicationId(app.getId()).patch(patch);
            return null;
        });
        return new SyncConfiguration.Credential(null, p12.toString(), passwordFile.toString());
    }

    /** A new, empty file readable and writable by its owner only (replacing an older one). */
    private static Path ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    /** Retries the credential test with backoff until the new certificate has replicated (or time is up). */
    private void waitUntilUsable(SyncConfiguration.Cloud cloud, Consumer<String> progress) throws CloudException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            try (GraphCloudSource source = new GraphCloudSource(cloud)) {
                source.verifyCredential();
                return;
            } catch (CloudException e) {
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new CloudException("The new credential of app " + cloud.clientId() + " still does not work"
                            + " after " + maxWait.toSeconds() + " s: " + e.getMessage()
                            + " New credentials can take minutes to replicate; try the credential test again later.",
                            e);
                }
                LOG.info("engine identity not usable yet ({}); retrying in {} s", e.getMessage(), pause.toSeconds());
            }
            try {
                for (long left = pause.toSeconds(); left > 0; left--) {
                    progress.accept("Waiting for the new certificate to replicate: next try in " + left + " s");
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudException("Interrupted while waiting for the new credential", e);
            }
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                    : pause.multipliedBy(2);
        }
    }
}
