package org.groupwriteback.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.CycleBusyException;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ManagedGroup;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.engine.state.StateException;
import org.groupwriteback.service.ControlClient;
import org.groupwriteback.wizard.PlanPreview;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.settings.GroupSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wizard's backend on the real engine for one data directory: the configuration file and the directory
 * password file in it, the {@link Engine} (state store, cycles, managed groups), LDAP through {@link LdapDirectory}
 * and the permissions engine, and the administrator's sign-in and the engine's identity through
 * {@link EntraIdentityServices}.
 *
 * <p>When a {@code gwb service} runs on the data directory, the engine operations go through its control
 * channel ({@link ControlClient}): the configuration is applied by the service, cycles run there, and its
 * scheduler is suspended by a renewed lease while the wizard is open. Otherwise the engine (and with it the
 * data directory's engine lock) is opened in this process on first use and held until {@link #close()}.
 *
 * <p>A facade over its collaborators: {@link RunningService} (the control channel path),
 * {@link DirectoryConnections} (LDAP connections and the OU tree), {@link WizardPermissions},
 * {@link WizardPreview} and {@link EntraIdentityServices} (sign-in, engine identity, credential test).
 */
public final class EngineWizardServices implements WizardServices, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWizardServices.class);

    /** The directory password file the wizard writes (mode 0600), referenced relative to the data directory. */
    public static final String PASSWORD_FILE = DataDirectory.DIRECTORY_PASSWORD_FILE;

    private final DataDirectory data;
    private final Connectors connectors;
    private final FirstRunDraft draft;
    private final RunningService running;
    private final DirectoryConnections connections;
    private final WizardPermissions permissions;
    private final WizardPreview preview;
    private final EntraIdentityServices entra;
    private Engine engine;

    /** The product backend on {@code dataDir}. */
    public EngineWizardServices(Path dataDir) {
        this(dataDir, new ProductConnectors(), null);
    }

    /**
     * @param draft what a first run starts from (the demo's endpoints), or null for the defaults
     */
    public EngineWizardServices(Path dataDir, Connectors connectors, FirstRunDraft draft) {
        this(dataDir, connectors, draft, null);
    }

    /**
     * @param draft what a first run starts from (the demo's endpoints), or null for the defaults
     * @param browser opens the administrator's sign-in page (the demo's stand-in); null = the system browser
     */
    public EngineWizardServices(Path dataDir, Connectors connectors, FirstRunDraft draft,
            AdminSignIn.Browser browser) {
        this.data = DataDirectory.at(dataDir);
        this.connectors = Objects.requireNonNull(connectors);
        this.draft = draft;
        this.running = new RunningService(data.root());
        this.connections = new DirectoryConnections(data, this::reference);
        this.permissions = new WizardPermissions(connections);
        this.preview = new WizardPreview(this::engine);
        this.entra = new EntraIdentityServices(data, () -> reference().map(SyncConfiguration::cloud), browser,
                AdminSignIn.DEFAULT_TIMEOUT, EntraIdentityServices.DEFAULT_REPLICATION_WAIT);
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
                c.deletionThreshold(), c.scheduler(), c.stagingMode());
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
                    c.deletionThreshold(), c.scheduler(), c.stagingMode());
        }
        c = ConfigurationJson.withDefaults(c);
        ConfigurationValidator.requireValid(c);
        boolean wasEnabled = currentConfiguration().map(SyncConfiguration::writebackEnabled).orElse(false);
        boolean enabled = c.writebackEnabled();
        String fullImport = enabled != wasEnabled ? "group writeback " + (enabled ? "enabled" : "disabled")
                + " in the wizard" : request.fullSyncNext() ? "configuration changed in the wizard" : null;
        Optional<ControlClient> service = running.find("configuration");
        Engine e = null;
        if (service.isEmpty()) {
            // Take the engine lock before writing anything: if another engine holds it, nothing changes.
            try {
                e = engine();
            } catch (StateException locked) {
                throw new ConfigurationException("configuration", "the configuration was not saved, nothing changed: "
                        + locked.getMessage());
            }
        }
        try {
            if (password.length > 0) {
                data.writeSecret(PASSWORD_FILE, password);
            }
            if (e != null) {
                data.save(c);
            }
        } catch (IOException io) {
            throw new ConfigurationException("configuration", "cannot write into " + data + ": "
                    + io.getMessage() + "; check that the data directory is writable");
        }
        if (service.isPresent()) {
            RunningService.configure(service.get(), c, request.releaseManagedGroups(), fullImport);
            LOG.info("configuration applied by the running service on {}", data);
            return;
        }
        LOG.info("configuration saved to {}", data.configurationFile());
        if (request.releaseManagedGroups()) {
            try {
                e.releaseAll();
            } catch (CycleBusyException busy) {
                throw new ConfigurationException("groupWriteback.enabled", "the configuration is saved, but the"
                        + " groups could not be released: " + busy.getMessage() + "; run the wizard again when"
                        + " the cycle has finished");
            }
        }
        if (fullImport != null) {
            e.requestFullImport(fullImport);
        }
    }

    // ---------------------------------------------------------------- Entra ID

    @Override
    public TenantInfo signIn(String authority, String clientId, Consumer<DeviceCode> prompt) throws CloudException {
        return entra.signInWithDeviceCode(authority, clientId, prompt);
    }

    @Override
    public boolean canOpenBrowser() {
        return entra.canOpenBrowser();
    }

    @Override
    public TenantInfo signInInBrowser(String authority, String clientId) throws CloudException {
        return entra.signInInBrowser(authority, clientId);
    }

    @Override
    public void cancelSignIn() {
        entra.cancelSignIn();
    }

    @Override
    public AppProvisioning.EngineIdentity createEngineIdentity(boolean manageWriteback, Consumer<String> progress)
            throws CloudException {
        return entra.createEngineIdentity(manageWriteback, progress);
    }

    @Override
    public TenantInfo testCredential(SyncConfiguration.Cloud cloud) throws CloudException {
        return entra.testCredential(cloud);
    }

    @Override
    public List<CloudGroup> sampleCloudGroups(int max) throws CloudException {
        if (!entra.signedIn()) {
            // Tasks that skip the sign-in page: the names the last import stored are good enough for an example.
            try {
                return engine().store().loadSnapshot().groups().values().stream().limit(max).toList();
            } catch (StateException e) {
                throw new CloudException("no groups to show: " + e.getMessage(), e);
            }
        }
        return entra.groups(max);
    }

    // ---------------------------------------------------------------- directory

    @Override
    public ServerCertificate serverCertificate(String ldapUrl, Path caCertificate) throws DirectoryException {
        return CertificateInspector.inspect(ldapUrl, caCertificate);
    }

    @Override
    public DirectoryInfo testDirectory(DirectoryConnection connection) throws DirectoryException {
        return connections.test(connection);
    }

    @Override
    public List<OrganizationalUnit> childOus(DirectoryConnection connection, String parentDn)
            throws DirectoryException {
        return connections.childOus(connection, parentDn);
    }

    // ---------------------------------------------------------------- permissions

    @Override
    public String permissionsScript(String syncAccountDn, String targetOu) {
        return permissions.script(syncAccountDn, targetOu);
    }

    @Override
    public List<String> verifyPermissions(DirectoryConnection connection, String targetOu) throws DirectoryException {
        return permissions.verify(connection, targetOu);
    }

    @Override
    public void grantPermissions(DirectoryConnection syncAccount, String targetOu, String adminDn,
            char[] adminPassword) throws DirectoryException {
        permissions.grant(syncAccount, targetOu, adminDn, adminPassword);
    }

    // ---------------------------------------------------------------- engine

    @Override
    public GroupSettingsService groupSettings() {
        return new WizardGroupSettings(data.root(), connectors, this::engine,
                () -> data.hasConfiguration() && running.find().isEmpty());
    }

    /** Opens the engine (taking the data directory's lock) on first use. */
    synchronized Engine engine() {
        if (engine == null) {
            engine = Engine.open(data.root(), data::load, connectors);
        }
        return engine;
    }

    /** The managed groups, from the running service when there is one. */
    private List<ManagedGroup> managedGroups() throws DirectoryException {
        Optional<ControlClient> service = running.find();
        return service.isEmpty() ? engine().managedGroups() : RunningService.managedGroups(service.get());
    }

    @Override
    public List<String> managedGroupNames() throws DirectoryException {
        if (currentConfiguration().isEmpty()) {
            return List.of();
        }
        return managedGroups().stream()
                .map(g -> g.displayName() != null ? g.displayName() : g.dn() != null ? g.dn() : g.cloudId())
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public int previewMove(String fromOu, String toOu) throws DirectoryException {
        if (currentConfiguration().isEmpty() || fromOu == null || toOu == null) {
            return 0;
        }
        return WizardPreview.moves(fromOu, toOu, this::managedGroups);
    }

    @Override
    public RunSummary runSync() throws Exception {
        return runSync(line -> { });
    }

    /** One delta cycle, by the running service when there is one (its progress lines go to {@code progress}). */
    @Override
    public RunSummary runSync(Consumer<String> progress) throws Exception {
        RunRecord r = cycle(new SyncCycle.Request(Policy.DELTA, false, 0, false), progress);
        if (r.status() == RunStatus.DELETION_THRESHOLD_EXCEEDED && r.pendingDeleteList().isEmpty()) {
            throw new Exception(r.message() != null ? r.message() : r.pendingDeletes() + " deletes exceed the"
                    + " deletion threshold; nothing was changed. Approve them with gwb sync --allow-deletes "
                    + r.pendingDeletes());
        }
        // Stopped at the deletion threshold: the summary lists the deletes for the wizard to approve.
        return RunSummaries.of(r);
    }

    /** One cycle, by the running service when there is one; a failed or interrupted cycle is an exception. */
    private RunRecord cycle(SyncCycle.Request request, Consumer<String> progress) throws Exception {
        RunRecord r;
        Optional<ControlClient> service = running.find("sync");
        if (service.isPresent()) {
            r = RunningService.sync(service.get(), request, progress);
        } else {
            r = engine().sync(request, "wizard");
        }
        if (r.status() == RunStatus.FAILED || r.status() == RunStatus.INTERRUPTED) {
            throw new Exception(r.message());
        }
        return r;
    }

    /** {@code gwb sync --approve-deletes RUN}: one cycle that applies exactly the deletes run {@code runId} stopped at. */
    @Override
    public RunSummary approveDeletes(long runId) throws Exception {
        RunRecord r = cycle(new SyncCycle.Request(Policy.DELTA, false, 0, false, runId), line -> { });
        if (r.status() == RunStatus.DELETION_THRESHOLD_EXCEEDED) {
            throw new ApprovalRefusedException(r.message() != null ? r.message()
                    : "the deletes planned now differ from run " + runId, RunSummaries.of(r));
        }
        return RunSummaries.of(r);
    }

    @Override
    public PlanPreview preview(SyncConfiguration configuration) throws Exception {
        return preview(configuration, new char[0]);
    }

    /** The preview binding with the password typed in the wizard (in memory only), else the stored one. */
    @Override
    public PlanPreview preview(SyncConfiguration configuration, char[] directoryPassword) throws Exception {
        if (directoryPassword == null || directoryPassword.length == 0) {
            return preview.preview(withPasswordFile(configuration), null);
        }
        try (Secret typed = Secret.of("directory password", directoryPassword)) {
            return preview.preview(withPasswordFile(configuration), typed);
        }
    }

    @Override
    public List<RunSummary> recentRuns(int max) {
        Optional<ControlClient> service = running.find();
        if (service.isPresent()) {
            return RunningService.runs(service.get(), max).stream().map(RunSummaries::of).toList();
        }
        if (!data.hasConfiguration() && engine == null) {
            return List.of();
        }
        return engine().lastRuns(max).stream().map(RunSummaries::of).toList();
    }


    @Override
    public Optional<ServiceState> serviceState() {
        return running.state();
    }

    @Override
    public boolean cycleRunning() {
        Engine e;
        synchronized (this) {
            e = engine;
        }
        if (e != null) {
            return e.gate().busy();
        }
        return running.cycleRunning();
    }

    /**
     * With a running service: suspends its scheduler by a lease of {@link #LEASE} that a timer renews while
     * the wizard is open, so that it resumes by itself if the wizard dies. Without one: holds the engine lock
     * while the wizard is open, so a {@code gwb service} started meanwhile cannot run cycles.
     */
    @Override
    public void suspendScheduler() {
        if (currentConfiguration().isEmpty()) {
            return;
        }
        Optional<ControlClient> service = running.find();
        if (service.isPresent()) {
            running.suspend(service.get());
            return;
        }
        try {
            engine();
        } catch (StateException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    /** Resumes the service's scheduler (ends the lease), or releases the engine lock. */
    @Override
    public synchronized void resumeScheduler() {
        running.resume();
        if (engine != null && !engine.gate().busy()) {
            engine.close();
            engine = null;
        }
    }

    @Override
    public synchronized void close() {
        resumeScheduler();
        connections.close();
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
