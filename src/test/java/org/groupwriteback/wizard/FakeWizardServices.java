package org.groupwriteback.wizard;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.RequiredPermissions;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.TenantInfo;

/**
 * A realistic stand-in for the engine behind the wizard: a small Fabrikam domain, a Contoso tenant, fourteen
 * groups already written back, and the engine's rule that the target OU lies inside the OU filter.
 */
public class FakeWizardServices implements WizardServices {
    public static final String BASE = "DC=fabrikam,DC=local";
    public static final String CLOUD_GROUPS = "OU=Cloud Groups,DC=fabrikam,DC=local";
    public static final String SERVERS = "OU=Servers,DC=fabrikam,DC=local";
    public static final String CORP = "OU=Corp,DC=fabrikam,DC=local";
    public static final String SALES = "OU=Sales,OU=Corp,DC=fabrikam,DC=local";
    public static final String BIND_DN = "CN=svc-gwb,OU=Service Accounts,DC=fabrikam,DC=local";
    public static final String PASSWORD = "Sync-Pa55!";
    public static final String ADMIN_PASSWORD = "Adm1n-Pa55!";
    public static final TenantInfo TENANT = new TenantInfo("4f1c7d2e-93a0-4b6e-8c55-0d2f7a9e1b34", "Contoso",
            "contoso.onmicrosoft.com");
    public static final String SAMPLE_ID = "1b7b3f2c-8d7e-4a51-9c3e-2f6a0d9b47e1";

    private static final Map<String, List<OrganizationalUnit>> TREE = Map.of(
            BASE.toLowerCase(), List.of(
                    new OrganizationalUnit(CLOUD_GROUPS, "Cloud Groups", false),
                    new OrganizationalUnit(CORP, "Corp", true),
                    new OrganizationalUnit(SERVERS, "Servers", false),
                    new OrganizationalUnit("OU=Service Accounts,DC=fabrikam,DC=local", "Service Accounts", false),
                    new OrganizationalUnit("CN=Users,DC=fabrikam,DC=local", "Users", false)),
            CORP.toLowerCase(), List.of(
                    new OrganizationalUnit("OU=Engineering,OU=Corp,DC=fabrikam,DC=local", "Engineering", false),
                    new OrganizationalUnit(SALES, "Sales", true)),
            SALES.toLowerCase(), List.of(
                    new OrganizationalUnit("OU=EMEA,OU=Sales,OU=Corp,DC=fabrikam,DC=local", "EMEA", false),
                    new OrganizationalUnit("OU=Americas,OU=Sales,OU=Corp,DC=fabrikam,DC=local", "Americas", false)));

    private static final List<String> MANAGED = List.of("Sales Team EMEA", "Marketing", "Project Falcon",
            "Finance Approvers", "HR Business Partners", "Helpdesk Tier 2", "Engineering Leads", "Legal Review",
            "Contoso All Staff", "Design Guild", "Security Champions", "Vendor Access", "Board Office",
            "Procurement");

    private SyncConfiguration current;
    private final List<RunSummary> runs = new ArrayList<>();
    private boolean granted;
    public SyncConfiguration saved;
    public SaveRequest savedRequest;
    public int suspended;
    public int resumed;
    public int syncRuns;
    public final List<String> childCalls = new ArrayList<>();
    /** Export errors the next cycle reports. */
    public List<String> nextRunErrors = List.of();
    /** When set, the next cycle fails with this message. */
    public String nextRunFailure;
    /** When not empty, the next cycle stops at the deletion threshold with these deletes waiting. */
    public List<PendingDelete> nextRunBlockedDeletes = List.of();
    /** The configurations previewed, and the directory passwords the previews were given. */
    public final List<SyncConfiguration> previewed = new ArrayList<>();
    public final List<String> previewPasswords = new ArrayList<>();
    /** The runs whose deletes were approved. */
    public final List<Long> approvedRuns = new ArrayList<>();
    /** When set, approving fails with this message (the set of deletes changed). */
    public String approvalFailure;
    private long nextRunId = 41;

    /** The app id the fake "creates" for the engine. */
    public static final String CREATED_APP_ID = "5f0e6d7c-8b9a-4c1d-8e2f-3a4b5c6d7e8f";
    public static final String CREATED_P12 = "/var/lib/gwb/engine-credential.p12";
    public static final String CREATED_PASSWORD = "/var/lib/gwb/engine-credential.password";
    /** An existing app registration without User.Read.All. */
    public static final String NO_USER_READ_APP = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
    /** Whether a browser can be opened (false: a server without a desktop). */
    public boolean browser = true;
    /** When set, the browser sign-in is declined. */
    public boolean declineBrowserSignIn;
    public int browserSignIns;
    public int cancels;
    public boolean countdownSeen;
    /** When set, creating the engine identity fails with this message after the replication wait. */
    public String createFailure;
    public final List<SyncConfiguration.Cloud> credentialTests = new ArrayList<>();

    /** A first run: nothing configured. */
    public FakeWizardServices() {
    }

    /** An installation with group writeback on, writing back into OU=Cloud Groups. */
    public static FakeWizardServices configured() {
        FakeWizardServices s = new FakeWizardServices();
        s.current = configuration(true);
        s.granted = true;
        s.runs.add(new RunSummary(Instant.parse("2026-11-23T09:30:00Z"), Instant.parse("2026-11-23T09:30:04Z"),
                "success", 0, 2, 1, 0, 5, 1, 0, List.of()));
        s.runs.add(new RunSummary(Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-23T09:00:07Z"),
                "completed-export-errors", 1, 0, 0, 0, 12, 0, 0,
                List.of("CN=Project Falcon_0d9b47e1a2c3,OU=Cloud Groups,DC=fabrikam,DC=local: "
                        + "A universal group cannot have a local group as a member (CN=Local Admins)")));
        return s;
    }

    /** The configuration a configured installation has. */
    public static SyncConfiguration configuration(boolean writeback) {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.microsoftonline.com/" + TENANT.tenantId(),
                        WizardState.DEFAULT_GRAPH, "9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b",
                        new SyncConfiguration.Credential("/etc/gwb/client-secret", null, null), null),
                new SyncConfiguration.Directory("ldaps://dc1.fabrikam.local", BIND_DN, "/etc/gwb/ldap-password",
                        "/etc/gwb/fabrikam-ca.pem", BASE),
                new SyncConfiguration.OuFilter(List.of(BASE), List.of(SERVERS)),
                new SyncConfiguration.GroupWriteback(writeback, CLOUD_GROUPS, false, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
    }

    @Override
    public Optional<SyncConfiguration> currentConfiguration() {
        return Optional.ofNullable(current);
    }

    @Override
    public TenantInfo signIn(String authority, String clientId, Consumer<DeviceCode> prompt) throws CloudException {
        prompt.accept(new DeviceCode("HX4K-7QPL", "https://microsoft.com/devicelogin",
                "To sign in, use a web browser to open https://microsoft.com/devicelogin"));
        if (!clientId.matches("[0-9a-fA-F-]{36}")) {
            throw new CloudException("AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory 'Contoso'. Check the application (client) ID.");
        }
        return TENANT;
    }

    @Override
    public boolean canOpenBrowser() {
        return browser;
    }

    @Override
    public TenantInfo signInInBrowser(String authority, String clientId) throws CloudException {
        browserSignIns++;
        if (declineBrowserSignIn) {
            throw new CloudException("The sign-in in the browser returned no authorization code from " + authority
                    + ": it was declined or cancelled (access_denied). Sign in again, or use the device code sign-in.");
        }
        if (!clientId.matches("[0-9a-fA-F-]{36}")) {
            throw new CloudException("AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory 'Contoso'. Check the application (client) ID.");
        }
        return TENANT;
    }

    @Override
    public void cancelSignIn() {
        cancels++;
    }

    @Override
    public AppProvisioning.EngineIdentity createEngineIdentity(boolean manageWriteback, Consumer<String> progress)
            throws CloudException {
        List<String> actions = new ArrayList<>();
        actions.add("Application 'Group writeback engine' (app id " + CREATED_APP_ID + ", object id "
                + "0b3c8e51-2f4a-4d6b-9a7e-5c1d2e3f4a5b)");
        actions.add("Certificate credential: private key in " + CREATED_P12 + ", password in " + CREATED_PASSWORD
                + " (owner-only); public key uploaded to the application");
        actions.add("Service principal 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d for the application");
        actions.forEach(progress);
        for (RequiredPermissions.Permission p : RequiredPermissions.application(manageWriteback)) {
            String line = "Granted " + p.name() + " (application, admin consent): " + p.purpose();
            actions.add(line);
            progress.accept(line);
        }
        progress.accept("Waiting for the new certificate to replicate: next try in 2 s");
        progress.accept("Waiting for the new certificate to replicate: next try in 1 s");
        countdownSeen = true;
        if (createFailure != null) {
            throw new CloudException(createFailure);
        }
        String authority = "https://login.microsoftonline.com/" + TENANT.tenantId();
        actions.add("Client-credentials sign-in with the certificate works at " + authority);
        return new AppProvisioning.EngineIdentity(CREATED_APP_ID, "0b3c8e51-2f4a-4d6b-9a7e-5c1d2e3f4a5b",
                new SyncConfiguration.Cloud(authority, WizardState.DEFAULT_GRAPH, CREATED_APP_ID,
                        new SyncConfiguration.Credential(null, CREATED_P12, CREATED_PASSWORD), null), actions);
    }

    /**
     * Like the engine's test against Entra: {@code organizations}/{@code common} refused for client credentials,
     * a secret file named {@code wrong-secret} refused with AADSTS7000215, the app {@link #NO_USER_READ_APP} lacking
     * User.Read.All, every other complete credential working.
     */
    @Override
    public TenantInfo testCredential(SyncConfiguration.Cloud cloud) throws CloudException {
        credentialTests.add(cloud);
        if (cloud.authority().endsWith("/organizations") || cloud.authority().endsWith("/common")) {
            throw new CloudException("AADSTS1002012: The provided value for scope is not valid. Client credential"
                    + " flows must have a scope value with /.default suffixed to the resource identifier and a"
                    + " tenant-specific authority.");
        }
        SyncConfiguration.Credential c = cloud.credential();
        if (c == null || (c.secretFile() == null && c.certificateFile() == null)) {
            throw new CloudException("cloud.credential: no credential is configured");
        }
        if (c.secretFile() != null && c.secretFile().endsWith("wrong-secret")) {
            throw new CloudException("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent"
                    + " in the request is the client secret value, not the client secret ID, for a secret added to"
                    + " app '" + cloud.clientId() + "'.");
        }
        if (NO_USER_READ_APP.equals(cloud.clientId())) {
            throw new CloudException("The app registration " + cloud.clientId() + " lacks the application permission"
                    + " User.Read.All (needed to read the on-premises SIDs of synced members): Graph answered 403"
                    + " Authorization_RequestDenied: Insufficient privileges to complete the operation. Grant"
                    + " User.Read.All with admin consent, or let the wizard create the engine's identity.");
        }
        return TENANT;
    }

    @Override
    public List<CloudGroup> sampleCloudGroups(int max) {
        CloudGroup g = new CloudGroup(SAMPLE_ID, "Sales Team EMEA", "EMEA sales", "salesteamemea",
                "salesteamemea@contoso.com", List.of("Unified"), false, true, null, List.of(), null, null, false);
        return List.of(g);
    }

    @Override
    public ServerCertificate serverCertificate(String ldapUrl, java.nio.file.Path caCertificate) {
        return new ServerCertificate("CN=dc1.fabrikam.local", "CN=Fabrikam Issuing CA,DC=fabrikam,DC=local",
                "3A:9F:1C:0B:77:E2:5D:48:A1:6C:92:FE:04:B3:8D:21:5E:C7:0A:19:F4:62:BB:38:D9:05:7E:AC:41:13:6F:D2",
                true);
    }

    @Override
    public DirectoryInfo testDirectory(DirectoryConnection c) throws DirectoryException {
        if (c.ldapUrl().contains("unreachable")) {
            throw new DirectoryException("Cannot reach " + c.ldapUrl() + " (connection refused): check the host "
                    + "name, the port and the firewall", ResultCode.CONNECT_ERROR, null, null);
        }
        if (!BIND_DN.equalsIgnoreCase(c.bindDn()) || !PASSWORD.equals(new String(c.password()))) {
            throw new DirectoryException("Invalid credentials for " + c.bindDn()
                    + " (LDAP 49): check the account and its password", ResultCode.INVALID_CREDENTIALS,
                    c.bindDn(), null);
        }
        return new DirectoryInfo(BASE, "dc1.fabrikam.local", "Samba AD", false, List.of("1.2.840.113556.1.4.319"));
    }

    @Override
    public List<OrganizationalUnit> childOus(DirectoryConnection connection, String parentDn) {
        childCalls.add(parentDn);
        return TREE.getOrDefault(parentDn.toLowerCase(), List.of());
    }

    @Override
    public List<ConfigurationException.FieldError> validate(SyncConfiguration c) {
        List<ConfigurationException.FieldError> errors = new ArrayList<>();
        SyncConfiguration.GroupWriteback gw = c.groupWriteback();
        if (gw != null && Boolean.TRUE.equals(gw.enabled())) {
            if (gw.targetOu() == null) {
                errors.add(new ConfigurationException.FieldError("groupWriteback.targetOu", "is required"));
            } else if (!inScope(gw.targetOu(), c.ouFilter())) {
                errors.add(new ConfigurationException.FieldError("groupWriteback.targetOu", gw.targetOu()
                        + " is outside the OU filter (included: " + String.join("; ", c.ouFilter().included())
                        + "; excluded: " + String.join("; ", c.ouFilter().excluded())
                        + "): choose an OU inside it, or include it on the Domain and OU filtering page"));
            }
        }
        if (c.ouFilter().included().isEmpty()) {
            errors.add(new ConfigurationException.FieldError("ouFilter.included", "select at least one domain or OU"));
        }
        return errors;
    }

    private static boolean inScope(String dn, SyncConfiguration.OuFilter filter) {
        try {
            DN target = new DN(dn);
            DN best = null;
            boolean include = false;
            for (String i : filter.included()) {
                DN d = new DN(i);
                if (target.isDescendantOf(d, true) && (best == null || d.isDescendantOf(best, false))) {
                    best = d;
                    include = true;
                }
            }
            for (String e : filter.excluded()) {
                DN d = new DN(e);
                if (target.isDescendantOf(d, true) && (best == null || d.isDescendantOf(best, true))) {
                    best = d;
                    include = false;
                }
            }
            return include;
        } catch (LDAPException e) {
            return false;
        }
    }

    @Override
    public List<String> managedGroupNames() {
        return MANAGED;
    }

    @Override
    public int previewMove(String fromOu, String toOu) {
        return MANAGED.size();
    }

    @Override
    public String permissionsScript(String syncAccountDn, String targetOu) {
        return "# Grants " + syncAccountDn + " the rights group writeback needs on " + targetOu + "\n"
                + "dsacls \"" + targetOu + "\" /I:T /G \"FABRIKAM\\svc-gwb:CCDC;group\"\n"
                + "dsacls \"" + targetOu + "\" /I:S /G \"FABRIKAM\\svc-gwb:RPWP;;group\"\n";
    }

    @Override
    public List<String> verifyPermissions(DirectoryConnection connection, String targetOu) {
        return granted ? List.of() : List.of("Create group objects in " + targetOu,
                "Delete group objects in " + targetOu, "Write all properties of groups in " + targetOu);
    }

    @Override
    public void grantPermissions(DirectoryConnection syncAccount, String targetOu, String adminDn,
            char[] adminPassword) throws DirectoryException {
        if (!ADMIN_PASSWORD.equals(new String(adminPassword))) {
            throw new DirectoryException("Invalid credentials for " + adminDn + " (LDAP 49)",
                    ResultCode.INVALID_CREDENTIALS, adminDn, null);
        }
        granted = true;
    }

    @Override
    public void saveConfiguration(SyncConfiguration configuration, SaveRequest request) throws ConfigurationException {
        List<ConfigurationException.FieldError> errors = validate(configuration);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        saved = configuration;
        savedRequest = request;
        current = configuration;
    }

    @Override
    public RunSummary runSync() throws Exception {
        syncRuns++;
        if (nextRunFailure != null) {
            String message = nextRunFailure;
            nextRunFailure = null;
            throw new DirectoryException(message, ResultCode.SERVER_DOWN, null, null);
        }
        if (!nextRunBlockedDeletes.isEmpty()) {
            RunSummary blocked = new RunSummary(Instant.parse("2026-11-23T10:00:00Z"),
                    Instant.parse("2026-11-23T10:00:02Z"), "deletion-threshold-exceeded", 0, 0, 0, 0, 0, 0, 0,
                    List.of(), nextRunId++, nextRunBlockedDeletes, false);
            nextRunBlockedDeletes = List.of();
            runs.add(0, blocked);
            return blocked;
        }
        RunSummary run = new RunSummary(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:06Z"),
                nextRunErrors.isEmpty() ? "success" : "completed-export-errors", 12, 0, 0, 0, 148, 0, 0,
                nextRunErrors, nextRunId++, List.of(), false);
        runs.add(0, run);
        return run;
    }

    /**
     * The plan of the demo's first enable: the fourteen managed groups created (ten Microsoft 365, four
     * security groups), members added to each, and one rename with its reason.
     */
    @Override
    public PlanPreview preview(SyncConfiguration configuration, char[] directoryPassword) throws Exception {
        String typed = directoryPassword == null ? "" : new String(directoryPassword);
        if (current == null && !PASSWORD.equals(typed)) {
            throw new DirectoryException("Invalid credentials for " + BIND_DN + " (LDAP 49)",
                    ResultCode.INVALID_CREDENTIALS, BIND_DN, null);
        }
        previewed.add(configuration);
        previewPasswords.add(typed);
        String ou = configuration.groupWriteback() == null || configuration.groupWriteback().targetOu() == null
                ? CLOUD_GROUPS : configuration.groupWriteback().targetOu();
        List<PlanPreview.Row> rows = new ArrayList<>();
        for (int i = 0; i < MANAGED.size(); i++) {
            String name = MANAGED.get(i);
            String dn = "CN=Group_" + String.format("%08x", i * 7919) + "," + ou;
            rows.add(new PlanPreview.Row(name, "create", dn, 0, 0, "new " + (i < 10 ? "Microsoft 365" : "security")
                    + " group with writeback enabled"));
            rows.add(new PlanPreview.Row(name, "addMembers", dn, 3 + i, 0, "members in the cloud"));
        }
        rows.add(new PlanPreview.Row("Marketing EMEA", "rename", "CN=Marketing,OU=Cloud Groups," + BASE, 0, 0,
                "display name changed in Entra ID"));
        rows.add(new PlanPreview.Row("Old Project", "removeMembers", "CN=Old Project,OU=Cloud Groups," + BASE, 0, 2,
                "members removed in the cloud"));
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (PlanPreview.Row r : rows) {
            counts.merge(r.change(), 1, Integer::sum);
        }
        return new PlanPreview(counts, rows, 10, 4, List.of());
    }

    @Override
    public RunSummary approveDeletes(long runId) throws Exception {
        if (approvalFailure != null) {
            throw new IllegalStateException(approvalFailure);
        }
        RunSummary blocked = runs.stream().filter(r -> r.runId() == runId).findFirst()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no deletes waiting"));
        approvedRuns.add(runId);
        RunSummary run = new RunSummary(Instant.parse("2026-11-23T10:05:00Z"), Instant.parse("2026-11-23T10:05:03Z"),
                "success", 0, 0, 0, 0, 0, 0, blocked.pendingDeletes().size(), List.of(), nextRunId++, List.of(),
                false);
        runs.add(0, run);
        return run;
    }

    @Override
    public List<RunSummary> recentRuns(int max) {
        return runs.subList(0, Math.min(max, runs.size()));
    }

    @Override
    public boolean cycleRunning() {
        return false;
    }

    @Override
    public void suspendScheduler() {
        suspended++;
    }

    @Override
    public void resumeScheduler() {
        resumed++;
    }
}
