package org.groupwriteback.app;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.permissions.LdapConnector;
import org.groupwriteback.engine.ad.permissions.MissingRight;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.CycleBusyException;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.ManagedGroup;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.engine.state.StateException;
import org.groupwriteback.wizard.WizardServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's backend on the real engine for one data directory: the configuration file and the directory
 * password file in it, the {@link Engine} (state store, cycles, managed groups), LDAP through {@link LdapDirectory}
 * and the permissions engine, and the administrator's sign-in through {@link AdminSignIn}.
 *
 * <p>The engine (and with it the data directory's engine lock) is opened on first use and held until
 * {@link #close()}: while the wizard holds it, a {@code gwb service} cannot start cycles, which is how the
 * scheduler is "suspended"; if a service already holds the lock, engine calls fail with its message.
 */
public final class EngineWizardServices implements WizardServices, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWizardServices.class);

    /** The directory password file the wizard writes (mode 0600), referenced relative to the data directory. */
    public static final String PASSWORD_FILE = DataDirectory.DIRECTORY_PASSWORD_FILE;

    private final DataDirectory data;
    private final Connectors connectors;
    private final FirstRunDraft draft;
    private Engine engine;
    private AdminSignIn admin;
    private CachedDirectory cached;

    /** The product backend on {@code dataDir}. */
    public EngineWizardServices(Path dataDir) {
        this(dataDir, new ProductConnectors(), null);
    }

    /**
     * @param draft what a first run starts from (the demo's endpoints), or null for the defaults
     */
    public EngineWizardServices(Path dataDir, Connectors connectors, FirstRunDraft draft) {
        this.data = DataDirectory.at(dataDir);
        this.connectors = Objects.requireNonNull(connectors);
        this.draft = draft;
    }

    /** The data directory. */
    public Path dataDir() {
        return data.root();
    }

    // ---------------------------------------------------------------- configuration

    @Override
    public Optional<SyncConfiguration> currentConfiguration() {
        try {
            return data.read();
        } catch (ConfigurationException e) {
            // A broken file is not a first run: say so rather than silently starting over.
            LOG.error("the configuration in {} cannot be read: {}; the wizard starts from the defaults", data,
                    e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<FirstRunDraft> firstRunDraft() {
        return Optional.ofNullable(draft);
    }

    /** The configuration in force, else the first-run draft's: where stored secrets and CA files are found. */
    private Optional<SyncConfiguration> reference() {
        Optional<SyncConfiguration> current = currentConfiguration();
        return current.isPresent() ? current : firstRunDraft().map(FirstRunDraft::configuration);
    }

    @Override
    public List<ConfigurationException.FieldError> validate(SyncConfiguration configuration) {
        return ConfigurationValidator.validate(withPasswordFile(configuration));
    }

    /** On a first run the draft has no password file yet: saving will write {@link #PASSWORD_FILE}. */
    private static SyncConfiguration withPasswordFile(SyncConfiguration c) {
        SyncConfiguration.Directory d = c.directory();
        if (d == null || d.passwordFile() != null) {
            return c;
        }
        return new SyncConfiguration(c.cloud(), new SyncConfiguration.Directory(d.ldapUrl(), d.bindDn(),
                PASSWORD_FILE, d.caCertificate(), d.baseDn()), c.ouFilter(), c.groupWriteback(),
                c.deletionThreshold(), c.scheduler());
    }

    @Override
    public synchronized void saveConfiguration(SyncConfiguration configuration, SaveRequest request)
            throws ConfigurationException {
        char[] password = request.directoryPassword() == null ? new char[0] : request.directoryPassword();
        SyncConfiguration c = configuration;
        SyncConfiguration.Directory d = c.directory();
        if (d != null && password.length > 0) {
            // The password typed in the wizard goes into the data directory's own secret file.
            c = new SyncConfiguration(c.cloud(), new SyncConfiguration.Directory(d.ldapUrl(), d.bindDn(),
                    PASSWORD_FILE, d.caCertificate(), d.baseDn()), c.ouFilter(), c.groupWriteback(),
                    c.deletionThreshold(), c.scheduler());
        }
        c = ConfigurationJson.withDefaults(c);
        ConfigurationValidator.requireValid(c);
        boolean wasEnabled = currentConfiguration().map(SyncConfiguration::writebackEnabled).orElse(false);
        try {
            if (password.length > 0) {
                data.writeSecret(PASSWORD_FILE, password);
            }
            data.save(c);
        } catch (IOException e) {
            throw new ConfigurationException("configuration", "cannot write into " + data + ": "
                    + e.getMessage() + "; check that the data directory is writable");
        }
        LOG.info("configuration saved to {}", data.configurationFile());
        Engine e = engine();
        if (request.releaseManagedGroups()) {
            try {
                e.releaseAll();
            } catch (CycleBusyException busy) {
                throw new ConfigurationException("groupWriteback.enabled", "the configuration is saved, but the"
                        + " groups could not be released: " + busy.getMessage() + "; run the wizard again when"
                        + " the cycle has finished");
            }
        }
        boolean enabled = c.writebackEnabled();
        if (request.fullSyncNext() || enabled != wasEnabled) {
            e.requestFullImport(enabled != wasEnabled ? "group writeback " + (enabled ? "enabled" : "disabled")
                    + " in the wizard" : "configuration changed in the wizard");
        }
    }

    // ---------------------------------------------------------------- Entra ID

    @Override
    public TenantInfo signIn(String authority, String clientId, Consumer<DeviceCode> prompt) throws CloudException {
        SyncConfiguration.Cloud known = reference().map(SyncConfiguration::cloud).orElse(null);
        String graph = known != null && known.graphBaseUrl() != null ? known.graphBaseUrl()
                : "https://graph.microsoft.com/v1.0";
        Path ca = known == null ? null : data.resolve(known.caCertificate());
        AdminSignIn signIn = new AdminSignIn(authority, clientId, graph, ca,
                AdminSignIn.DEFAULT_TIMEOUT);
        AdminSignIn.Result result = signIn.signIn(p -> prompt.accept(new DeviceCode(p.userCode(),
                p.verificationUri(), p.message())));
        synchronized (this) {
            admin = signIn;
        }
        return result.tenant();
    }

    @Override
    public List<CloudGroup> sampleCloudGroups(int max) throws CloudException {
        AdminSignIn signedIn;
        synchronized (this) {
            signedIn = admin;
        }
        if (signedIn == null) {
            // Tasks that skip the sign-in page: the names the last import stored are good enough for an example.
            try {
                return engine().store().loadSnapshot().groups().values().stream().limit(max).toList();
            } catch (StateException e) {
                throw new CloudException("no groups to show: " + e.getMessage(), e);
            }
        }
        return signedIn.groups(max);
    }

    // ---------------------------------------------------------------- directory

    @Override
    public ServerCertificate serverCertificate(String ldapUrl, Path caCertificate) throws DirectoryException {
        return CertificateInspector.inspect(ldapUrl, caCertificate);
    }

    @Override
    public DirectoryInfo testDirectory(DirectoryConnection connection) throws DirectoryException {
        return directory(connection).test();
    }

    @Override
    public List<OrganizationalUnit> childOus(DirectoryConnection connection, String parentDn)
            throws DirectoryException {
        LdapDirectory d = directory(connection);
        DN parent;
        try {
            parent = new DN(parentDn);
        } catch (LDAPException e) {
            throw new DirectoryException("'" + parentDn + "' is not a DN");
        }
        List<OrganizationalUnit> out = new ArrayList<>();
        for (DN child : d.childOrganizationalUnits(parent)) {
            // One small search per child: the tree shows an expander only where there is something below.
            boolean below = !d.childOrganizationalUnits(child).isEmpty();
            out.add(new OrganizationalUnit(child.toString(), child.getRDN().getAttributeValues()[0], below));
        }
        return out;
    }

    /** The stored password when the connection carries none (tasks that skip the directories page). */
    private Secret password(DirectoryConnection c) throws DirectoryException {
        if (c.password() != null && c.password().length > 0) {
            return Secret.of("directory password", c.password());
        }
        String file = reference().map(SyncConfiguration::directory).map(SyncConfiguration.Directory::passwordFile)
                .orElse(null);
        if (file == null) {
            throw new DirectoryException("enter the password of " + c.bindDn());
        }
        try {
            return data.secret(file, "directory.passwordFile");
        } catch (ConfigurationException e) {
            throw new DirectoryException(e.getMessage());
        }
    }

    private String baseDn() {
        return reference().map(SyncConfiguration::directory).map(SyncConfiguration.Directory::baseDn).orElse(null);
    }

    /** One bound connection per distinct connection settings, reused for tree browsing. */
    private synchronized LdapDirectory directory(DirectoryConnection c) throws DirectoryException {
        try (Secret password = password(c)) {
            return directory(c, password);
        }
    }

    private LdapDirectory directory(DirectoryConnection c, Secret password) throws DirectoryException {
        String ca = c.caCertificate() == null ? null : c.caCertificate().toString();
        char[] chars = password.chars();
        CachedDirectory want = new CachedDirectory(c.ldapUrl(), c.bindDn(), Integer.toHexString(Arrays.hashCode(chars)),
                ca, null);
        Arrays.fill(chars, '\0');
        if (cached != null && cached.sameAs(want)) {
            return cached.directory();
        }
        if (cached != null) {
            cached.directory().close();
            cached = null;
        }
        LdapDirectory d = LdapDirectory.open(new SyncConfiguration.Directory(c.ldapUrl(), c.bindDn(), null, ca,
                baseDn()), password);
        cached = new CachedDirectory(want.url(), want.bindDn(), want.passwordHash(), ca, d);
        return d;
    }

    /** The settings a cached connection was opened with (the password only as a hash, to notice a change). */
    private record CachedDirectory(String url, String bindDn, String passwordHash, String ca, LdapDirectory directory) {
        boolean sameAs(CachedDirectory o) {
            return Objects.equals(url, o.url) && Objects.equals(bindDn, o.bindDn)
                    && Objects.equals(passwordHash, o.passwordHash) && Objects.equals(ca, o.ca);
        }
    }

    // ---------------------------------------------------------------- permissions

    @Override
    public String permissionsScript(String syncAccountDn, String targetOu) {
        try {
            return WritebackPermissions.script(new DN(targetOu), syncAccountDn);
        } catch (LDAPException e) {
            return "# choose a valid target OU first ('" + targetOu + "' is not a DN)\n";
        }
    }

    @Override
    public List<String> verifyPermissions(DirectoryConnection connection, String targetOu) throws DirectoryException {
        try (Secret password = password(connection);
                LDAPConnection sync = LdapConnector.open(connection.ldapUrl(), connection.caCertificate(),
                        connection.bindDn(), password)) {
            return WritebackPermissions.verify(dn(targetOu), sync).stream().map(MissingRight::toString).toList();
        }
    }

    @Override
    public void grantPermissions(DirectoryConnection syncAccount, String targetOu, String adminDn,
            char[] adminPassword) throws DirectoryException {
        try (Secret password = Secret.of("admin password", adminPassword);
                LDAPConnection a = LdapConnector.open(syncAccount.ldapUrl(), syncAccount.caCertificate(), adminDn,
                        password)) {
            WritebackPermissions.grant(dn(targetOu), syncAccount.bindDn(), a);
        }
    }

    private static DN dn(String value) throws DirectoryException {
        try {
            return new DN(value);
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("'" + value + "' is not a DN: choose the target OU again");
        }
    }

    // ---------------------------------------------------------------- engine

    /** Opens the engine (taking the data directory's lock) on first use. */
    synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.open(data.root(), data::load, connectors);
        }
        return engine;
    }

    @Override
    public List<String> managedGroupNames() throws DirectoryException {
        if (currentConfiguration().isEmpty()) {
            return List.of();
        }
        return engine().managedGroups().stream()
                .map(g -> g.displayName() != null ? g.displayName() : g.dn() != null ? g.dn() : g.cloudId())
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public int previewMove(String fromOu, String toOu) throws DirectoryException {
        if (currentConfiguration().isEmpty() || fromOu == null || toOu == null) {
            return 0;
        }
        DN from = dn(fromOu);
        DN to = dn(toOu);
        if (from.equals(to)) {
            return 0;
        }
        int n = 0;
        for (ManagedGroup g : engine().managedGroups()) {
            try {
                if (g.dn() != null && from.equals(new DN(g.dn()).getParent())) {
                    n++;
                }
            } catch (LDAPException e) {
                LOG.debug("managed group {} has an unreadable DN {}", g.cloudId(), g.dn());
            }
        }
        return n;
    }

    @Override
    public RunSummary runSync() throws Exception {
        RunRecord r = engine().sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "wizard");
        if (r.status() == RunStatus.FAILED) {
            throw new Exception(r.message());
        }
        if (r.status() == RunStatus.DELETION_THRESHOLD_EXCEEDED) {
            throw new Exception(r.message() != null ? r.message() : r.pendingDeletes() + " deletes exceed the"
                    + " deletion threshold; nothing was changed. Approve them with gwb sync --allow-deletes "
                    + r.pendingDeletes());
        }
        return summary(r);
    }

    @Override
    public List<RunSummary> recentRuns(int max) {
        if (!data.hasConfiguration() && engine == null) {
            return List.of();
        }
        return engine().lastRuns(max).stream().map(EngineWizardServices::summary).toList();
    }

    static RunSummary summary(RunRecord r) {
        List<String> errors = new ArrayList<>();
        for (ExportError e : r.exportErrors()) {
            String who = e.displayName() != null ? e.displayName() : e.dn() != null ? e.dn() : e.cloudId();
            errors.add(who + ": " + e.message());
        }
        if (r.status() == RunStatus.FAILED && r.message() != null) {
            errors.add(0, r.message());
        }
        var c = r.counts();
        return new RunSummary(r.started(), r.ended(), r.status().name(), c.creates(), c.updates(), c.renames(),
                c.moves(), c.memberAdds(), c.memberRemoves(), c.deletes(), errors);
    }

    @Override
    public boolean cycleRunning() {
        Engine e;
        synchronized (this) {
            e = engine;
        }
        return e != null && e.gate().busy();
    }

    /**
     * Holds the engine lock while the wizard is open, so a {@code gwb service} started meanwhile cannot run
     * cycles; logs (and the engine calls later report) when a running service already holds it.
     */
    @Override
    public void suspendScheduler() {
        if (currentConfiguration().isEmpty()) {
            return;
        }
        try {
            engine();
        } catch (StateException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /** Releases the engine lock (the service can run cycles again). */
    @Override
    public synchronized void resumeScheduler() {
        if (engine != null && !engine.gate().busy()) {
            engine.close();
            engine = null;
        }
    }

    @Override
    public synchronized void close() {
        if (cached != null) {
            cached.directory().close();
            cached = null;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
        admin = null;
    }
}
