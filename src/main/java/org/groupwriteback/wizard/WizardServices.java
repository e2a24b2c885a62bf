package org.groupwriteback.wizard;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.BulkWriteback;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.settings.GroupSettingsService;
import org.groupwriteback.engine.rules.GroupNaming;

/**
 * Everything the wizard asks of the engine, in one interface so that the pages never touch Graph, LDAP or
 * the state store directly. Calls that talk to a server may block and are always run through the
 * {@code app.TaskRunner}; implementations must be safe to call from a background thread.
 */
public interface WizardServices {

    /** The configuration of this installation, or empty on a first run. */
    Optional<SyncConfiguration> currentConfiguration();

    /**
     * What a first run starts from instead of the defaults (the demo prefills its endpoints); empty = defaults.
     * Not used when there is a current configuration.
     */
    default Optional<FirstRunDraft> firstRunDraft() {
        return Optional.empty();
    }

    /**
     * Signs the administrator in to Entra ID with the device code flow (the fallback of
     * {@link #signInInBrowser}); {@code prompt} receives the code to
     * show (called on the calling thread, before the call returns).
     */
    TenantInfo signIn(String authority, String clientId, Consumer<DeviceCode> prompt) throws CloudException;

    /**
     * True when this machine can open a browser for the interactive sign-in; false makes the Connect page use
     * the device code sign-in at once (servers without a desktop, SSH sessions).
     */
    default boolean canOpenBrowser() {
        return false;
    }

    /**
     * Signs the administrator in interactively: the authorization page opens in the system browser and the answer
     * comes back on a loopback redirect (PKCE). Blocks until the sign-in completes, is declined or is cancelled.
     */
    default TenantInfo signInInBrowser(String authority, String clientId) throws CloudException {
        throw new CloudException("No browser can be opened here; use the device code sign-in");
    }

    /** Stops a sign-in that is waiting for the administrator (either kind); a no-op when none runs. */
    default void cancelSignIn() {
    }

    /**
     * Creates (or reuses by name) the engine's app registration with a certificate credential and admin-consented
     * application permissions, as the signed-in administrator, and waits until its client-credentials sign-in
     * works; {@code progress} receives each step and the replication countdown (from a background thread).
     */
    default AppProvisioning.EngineIdentity createEngineIdentity(boolean manageWriteback, Consumer<String> progress)
            throws CloudException {
        throw new CloudException("This wizard cannot create the engine's app registration");
    }

    /**
     * Tests the service's credential as the engine will use it: a client-credentials token, {@code /organization}
     * and one read per required permission; the exception names the missing permission or the sign-in error.
     */
    default TenantInfo testCredential(SyncConfiguration.Cloud cloud) throws CloudException {
        throw new CloudException("This wizard cannot test a credential");
    }

    /** A few cloud groups of the signed-in tenant, used for the live naming example. */
    List<CloudGroup> sampleCloudGroups(int max) throws CloudException;

    /** Reads the certificate the LDAPS server presents, and whether {@code caCertificate} (may be null) trusts it. */
    ServerCertificate serverCertificate(String ldapUrl, Path caCertificate) throws DirectoryException;

    /** Binds with the account and reads the root DSE ("Test connection"). */
    DirectoryInfo testDirectory(DirectoryConnection connection) throws DirectoryException;

    /** The OUs (and containers) directly below {@code parentDn}. */
    List<OrganizationalUnit> childOus(DirectoryConnection connection, String parentDn) throws DirectoryException;

    /** The engine's validation of a draft configuration; empty when it can be saved. */
    List<ConfigurationException.FieldError> validate(SyncConfiguration configuration);

    /** Names of the AD groups this installation created or adopted (for the deletion warning). */
    List<String> managedGroupNames() throws DirectoryException;

    /** How many managed groups move when the target OU changes from {@code fromOu} to {@code toOu}. */
    int previewMove(String fromOu, String toOu) throws DirectoryException;

    /**
     * The DN a cloud group gets in {@code targetOu} under the chosen naming: the engine's own rule
     * ({@link WritebackRules#dn}); empty when {@code targetOu} is not a DN.
     */
    default String exampleDn(String groupDisplayName, String groupId, String targetOu, boolean dnWithDisplayName) {
        CloudGroup g = new CloudGroup(groupId, groupDisplayName, null, null, null, null, true, false, null, null,
                null, null, false);
        try {
            return GroupNaming.dn(g, new DN(targetOu), dnWithDisplayName).toString();
        } catch (LDAPException e) {
            return "";
        }
    }

    /** The PowerShell/dsacls script that grants the sync account its rights on the target OU. */
    String permissionsScript(String syncAccountDn, String targetOu);

    /** The rights the sync account still lacks on the target OU; empty when everything is in place. */
    List<String> verifyPermissions(DirectoryConnection connection, String targetOu) throws DirectoryException;

    /** Grants the rights with an administrator's credential that is used for this call only and not kept. */
    void grantPermissions(DirectoryConnection syncAccount, String targetOu, String adminDn, char[] adminPassword)
            throws DirectoryException;

    /** Validates and stores the configuration and its secrets. */
    void saveConfiguration(SyncConfiguration configuration, SaveRequest request) throws ConfigurationException;

    /**
     * The engine's dry-run plan for {@code configuration} as it is being written (not yet saved): what the next
     * cycle with it would do.
     */
    default PlanPreview preview(SyncConfiguration configuration) throws Exception {
        throw new UnsupportedOperationException("this wizard cannot preview a synchronization");
    }

    /** The backend of the Group writeback settings page (groups, bulk writeback changes, tenant default). */
    default GroupSettingsService groupSettings() {
        return new GroupSettingsService() {
            @Override
            public Listing load(SyncConfiguration configuration) {
                throw new UnsupportedOperationException("this wizard cannot list the cloud groups");
            }

            @Override
            public BulkWriteback.Result apply(SyncConfiguration configuration, List<BulkWriteback.Change> changes,
                    BulkWriteback.Progress progress, BooleanSupplier cancelled) {
                throw new UnsupportedOperationException("this wizard cannot change writeback settings");
            }

            @Override
            public void setUnifiedDefault(SyncConfiguration configuration, boolean value) {
                throw new UnsupportedOperationException("this wizard cannot change the tenant default");
            }
        };
    }

    /**
     * {@link #preview(SyncConfiguration)} binding with {@code directoryPassword} as typed in the wizard (held in
     * memory for this call only, never written); an empty password means the stored one.
     */
    default PlanPreview preview(SyncConfiguration configuration, char[] directoryPassword) throws Exception {
        return preview(configuration);
    }

    /**
     * Runs one cycle that applies exactly the deletes the run {@code runId} stopped at the deletion threshold
     * (the engine refuses when the set of deletes changed since) and returns its record.
     */
    default RunSummary approveDeletes(long runId) throws Exception {
        throw new UnsupportedOperationException("this wizard cannot approve deletions");
    }

    /** Runs one synchronization cycle now and returns its record. */
    RunSummary runSync() throws Exception;

    /** {@link #runSync()}, passing lines of progress to {@code progress} (from a background thread) as it goes. */
    default RunSummary runSync(Consumer<String> progress) throws Exception {
        return runSync();
    }

    /** The latest runs, newest first. */
    List<RunSummary> recentRuns(int max);

    /** True while a synchronization cycle is running. */
    boolean cycleRunning();

    /** The background service on the data directory as it is now; empty when none runs. */
    default Optional<ServiceState> serviceState() {
        return Optional.empty();
    }

    /** Stops the scheduler from starting cycles while the wizard is open. */
    void suspendScheduler();

    /** Lets the scheduler start cycles again (when the wizard closes). */
    void resumeScheduler();

    /**
     * A running background service: its scheduler (enabled, every {@code intervalMinutes}, suspended while a
     * wizard is open), when the next scheduled cycle is due (null when none is), the last run (null before the
     * first), and the latest progress line of the cycle running now (null when none runs).
     */
    record ServiceState(long pid, boolean schedulerEnabled, long intervalMinutes, boolean suspended,
            Instant nextRun, String lastRun, boolean cycleRunning, String progress) {
    }

    /**
     * A prefilled first-run draft: the configuration, the directory password to type for the admin, and the
     * application (client) ID the administrator signs in with (null: none known).
     */
    record FirstRunDraft(SyncConfiguration configuration, String directoryPassword, String signInClientId) {
        /** A draft without a sign-in application. */
        public FirstRunDraft(SyncConfiguration configuration, String directoryPassword) {
            this(configuration, directoryPassword, null);
        }

        @Override
        public String toString() {
            return "FirstRunDraft[" + configuration + "]";
        }
    }

    /** The code and address shown while the administrator signs in on another device. */
    record DeviceCode(String userCode, String verificationUri, String message) {
    }

    /**
     * Where and as whom to bind; the password is held only for the wizard session and never logged. An empty
     * password means "the stored password of this installation" (tasks that skip the directories page).
     */
    record DirectoryConnection(String ldapUrl, String bindDn, char[] password, Path caCertificate) {
        @Override
        public String toString() {
            return "DirectoryConnection[" + ldapUrl + ", " + bindDn + "]";
        }
    }

    /** The certificate an LDAPS server presented, with its SHA-256 fingerprint for the admin to compare. */
    record ServerCertificate(String subject, String issuer, String sha256Fingerprint, boolean trusted) {
    }

    /** One node of the directory tree shown on the filtering and target OU pages. */
    record OrganizationalUnit(String dn, String name, boolean hasChildren) {
    }

    /**
     * What to store besides the configuration: the directory password (empty: keep the stored one), whether
     * the next cycle must be a full import + full sync, and whether the groups this feature
     * created are released (kept in AD, no longer managed) instead of deleted when writeback is disabled.
     */
    record SaveRequest(char[] directoryPassword, boolean releaseManagedGroups, boolean fullSyncNext) {
        @Override
        public String toString() {
            return "SaveRequest[release=" + releaseManagedGroups + ", fullSync=" + fullSyncNext + "]";
        }
    }

    /**
     * One synchronization run as the status page and the completion page show it: its counts, export errors,
     * the run's id, the deletes it left waiting for approval (deletion threshold) and whether it ran in staging
     * mode (planned, exported nothing).
     */
    record RunSummary(Instant started, Instant ended, String status, int added, int updated, int renamed,
            int moved, int membersAdded, int membersRemoved, int deleted, List<String> exportErrors, long runId,
            List<PendingDelete> pendingDeletes, boolean staging) {
        public RunSummary {
            exportErrors = exportErrors == null ? List.of() : List.copyOf(exportErrors);
            pendingDeletes = pendingDeletes == null ? List.of() : List.copyOf(pendingDeletes);
        }

        /** A run without an id, pending deletes or staging. */
        public RunSummary(Instant started, Instant ended, String status, int added, int updated, int renamed,
                int moved, int membersAdded, int membersRemoved, int deleted, List<String> exportErrors) {
            this(started, ended, status, added, updated, renamed, moved, membersAdded, membersRemoved, deleted,
                    exportErrors, 0, List.of(), false);
        }

        /** True when the run stopped at the deletion threshold and its deletes wait for approval. */
        public boolean awaitingApproval() {
            return !pendingDeletes.isEmpty();
        }
    }

    /** A delete that waits for approval: the group's name and its DN in AD. */
    record PendingDelete(String name, String dn) {
    }

    /**
     * The engine refused an approval because the deletes planned now differ from the approved run's; nothing was
     * deleted, and {@link #current()} is the run that stopped with the new set (to check and approve instead).
     */
    final class ApprovalRefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RunSummary current;

        public ApprovalRefusedException(String message, RunSummary current) {
            super(message);
            this.current = current;
        }

        /** The run with the deletes planned now. */
        public RunSummary current() {
            return current;
        }
    }
}
