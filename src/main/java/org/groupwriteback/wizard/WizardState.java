package org.groupwriteback.wizard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.TenantAuthority;
import org.groupwriteback.engine.graph.TenantInfo;

/**
 * The typed draft the pages edit, plus facts of this session (signed-in tenant, tested directory, chosen
 * task). Starts from the current configuration of the installation (or defaults on a first run) and turns
 * into a {@link SyncConfiguration} on Ready to configure. Use on the FX thread only.
 */
public final class WizardState {
    /** The public cloud authority prefilled on a first run. */
    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations";
    /** Graph v1.0 of the public cloud. */
    public static final String DEFAULT_GRAPH = "https://graph.microsoft.com/v1.0";

    /** What happens to the groups this feature created when group writeback is switched off. */
    public enum DisableMode {
        /** Connect's behaviour: they are deleted from AD on the next cycle. */
        DELETE_GROUPS,
        /** They stay in AD and are no longer managed. */
        KEEP_GROUPS
    }

    /** How the engine proves its identity to Entra ID. */
    public enum CredentialKind {
        /** A certificate whose private key is in a PKCS#12 file, its password in a separate file (preferred). */
        CERTIFICATE,
        /** A client secret in a file. */
        SECRET
    }

    private final SyncConfiguration current;
    private final ObjectProperty<WizardTask> task = new SimpleObjectProperty<>();

    private final StringProperty authority = new SimpleStringProperty(DEFAULT_AUTHORITY);
    private final StringProperty graphBaseUrl = new SimpleStringProperty(DEFAULT_GRAPH);
    private final StringProperty clientId = new SimpleStringProperty("");
    private final StringProperty clientSecretFile = new SimpleStringProperty("");
    private final StringProperty signInClientId = new SimpleStringProperty("");
    private final ObjectProperty<CredentialKind> credentialKind = new SimpleObjectProperty<>(CredentialKind.SECRET);
    private final StringProperty certificateFile = new SimpleStringProperty("");
    private final StringProperty certificatePasswordFile = new SimpleStringProperty("");
    private final ObservableList<String> engineIdentityActions = FXCollections.observableArrayList();
    private String cloudCaCertificate;
    private final ObjectProperty<TenantInfo> tenant = new SimpleObjectProperty<>();

    private final StringProperty ldapUrl = new SimpleStringProperty("");
    private final StringProperty bindDn = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty directoryCaCertificate = new SimpleStringProperty("");
    private String passwordFile;
    private final StringProperty baseDn = new SimpleStringProperty("");
    private final ObjectProperty<DirectoryInfo> directoryInfo = new SimpleObjectProperty<>();

    private final ObservableList<String> included = FXCollections.observableArrayList();
    private final ObservableList<String> excluded = FXCollections.observableArrayList();

    private final BooleanProperty writebackEnabled = new SimpleBooleanProperty(true);
    private final ObjectProperty<DisableMode> disableMode = new SimpleObjectProperty<>();
    private final IntegerProperty managedGroupCount = new SimpleIntegerProperty(-1);
    private final StringProperty targetOu = new SimpleStringProperty("");
    private final BooleanProperty dnWithDisplayName = new SimpleBooleanProperty(false);
    private final BooleanProperty stagingMode = new SimpleBooleanProperty(false);
    /** stagingMode as the loaded configuration had it (null: not set), kept when the draft does not change it. */
    private Boolean loadedStagingMode;
    private final IntegerProperty memberLimit = new SimpleIntegerProperty(SyncConfiguration.DEFAULT_MEMBER_LIMIT);
    private boolean deleteWhenWritebackDisabled;
    private Integer deletionThreshold = SyncConfiguration.DEFAULT_DELETION_THRESHOLD;
    private SyncConfiguration.Scheduler scheduler = new SyncConfiguration.Scheduler(true, 30);

    private final BooleanProperty startSyncWhenDone = new SimpleBooleanProperty(true);

    private WizardState(SyncConfiguration current) {
        this.current = current;
        task.set(current == null ? WizardTask.FIRST_RUN : null);
        if (current != null) {
            load(current);
        }
    }

    /** A draft for a first run (no configuration) or loaded from the installation's configuration. */
    public static WizardState from(Optional<SyncConfiguration> current) {
        return new WizardState(current.orElse(null));
    }

    /**
     * A first-run draft prefilled from {@code draft} (the demo's endpoints); still a first run: nothing is
     * "current", so every value shows as a change on Ready to configure.
     */
    public static WizardState firstRun(WizardServices.FirstRunDraft draft) {
        WizardState s = new WizardState(null);
        s.load(draft.configuration());
        if (draft.directoryPassword() != null) {
            s.password.set(draft.directoryPassword());
        }
        if (draft.signInClientId() != null) {
            s.signInClientId.set(draft.signInClientId());
        }
        return s;
    }

    private void load(SyncConfiguration c) {
        if (c.cloud() != null) {
            setIfPresent(authority, c.cloud().authority());
            setIfPresent(graphBaseUrl, c.cloud().graphBaseUrl());
            setIfPresent(clientId, c.cloud().clientId());
            SyncConfiguration.Credential credential = c.cloud().credential();
            if (credential != null) {
                setIfPresent(clientSecretFile, credential.secretFile());
                setIfPresent(certificateFile, credential.certificateFile());
                setIfPresent(certificatePasswordFile, credential.certificatePasswordFile());
                credentialKind.set(credential.certificateFile() != null ? CredentialKind.CERTIFICATE
                        : CredentialKind.SECRET);
            }
            cloudCaCertificate = c.cloud().caCertificate();
        }
        if (c.directory() != null) {
            setIfPresent(ldapUrl, c.directory().ldapUrl());
            setIfPresent(bindDn, c.directory().bindDn());
            setIfPresent(directoryCaCertificate, c.directory().caCertificate());
            setIfPresent(baseDn, c.directory().baseDn());
            passwordFile = c.directory().passwordFile();
        }
        if (c.ouFilter() != null) {
            included.setAll(c.ouFilter().included());
            excluded.setAll(c.ouFilter().excluded());
        }
        SyncConfiguration.GroupWriteback gw = c.groupWriteback();
        if (gw != null) {
            writebackEnabled.set(c.writebackEnabled());
            setIfPresent(targetOu, gw.targetOu());
            dnWithDisplayName.set(Boolean.TRUE.equals(gw.dnWithDisplayName()));
            if (gw.memberLimit() != null) {
                memberLimit.set(gw.memberLimit());
            }
            deleteWhenWritebackDisabled = Boolean.TRUE.equals(gw.deleteWhenWritebackDisabled());
        }
        if (c.deletionThreshold() != null) {
            deletionThreshold = c.deletionThreshold();
        }
        stagingMode.set(c.staging());
        loadedStagingMode = c.stagingMode();
        if (c.scheduler() != null) {
            scheduler = c.scheduler();
        }
    }

    private static void setIfPresent(StringProperty p, String value) {
        if (value != null) {
            p.set(value);
        }
    }

    /** The draft as the configuration the engine stores. */
    public SyncConfiguration toConfiguration() {
        SyncConfiguration.Credential credential = credential();
        return new SyncConfiguration(
                new SyncConfiguration.Cloud(serviceAuthority(), blankToNull(graphBaseUrl.get()),
                        blankToNull(clientId.get()), credential, cloudCaCertificate),
                new SyncConfiguration.Directory(blankToNull(ldapUrl.get()), blankToNull(bindDn.get()), passwordFile,
                        blankToNull(directoryCaCertificate.get()), blankToNull(baseDn.get())),
                new SyncConfiguration.OuFilter(new ArrayList<>(included), new ArrayList<>(excluded)),
                new SyncConfiguration.GroupWriteback(writebackEnabled.get(), blankToNull(targetOu.get()),
                        dnWithDisplayName.get(), memberLimit.get(), deleteWhenWritebackDisabled),
                deletionThreshold, scheduler,
                stagingMode.get() == Boolean.TRUE.equals(loadedStagingMode) ? loadedStagingMode
                        : Boolean.valueOf(stagingMode.get()));
    }

    /**
     * The service's credential as chosen: the certificate and its password file, or the secret file; when the
     * chosen one is not filled in, the installation's current credential (or none).
     */
    public SyncConfiguration.Credential credential() {
        if (credentialKind.get() == CredentialKind.CERTIFICATE && blankToNull(certificateFile.get()) != null) {
            return new SyncConfiguration.Credential(null, certificateFile.get().trim(),
                    blankToNull(certificatePasswordFile.get()));
        }
        if (credentialKind.get() == CredentialKind.SECRET && blankToNull(clientSecretFile.get()) != null) {
            return new SyncConfiguration.Credential(clientSecretFile.get().trim(), null, null);
        }
        return current != null && current.cloud() != null ? current.cloud().credential() : null;
    }

    /** The cloud part of {@link #toConfiguration()}: what the engine signs in with (tenant authority, credential). */
    public SyncConfiguration.Cloud serviceCloud() {
        return toConfiguration().cloud();
    }

    /**
     * The authority the service signs in with: once the administrator has signed in, the tenant-specific
     * authority on the same host (never {@code organizations}/{@code common}); before that, the typed one.
     */
    public String serviceAuthority() {
        String typed = blankToNull(authority.get());
        TenantInfo t = tenant.get();
        if (typed == null || t == null || t.tenantId() == null) {
            return typed;
        }
        try {
            return TenantAuthority.of(typed, t.tenantId());
        } catch (IllegalArgumentException e) {
            return typed;
        }
    }

    /** The connection the draft describes, for test/browse/verify calls. */
    public WizardServices.DirectoryConnection directoryConnection() {
        String ca = blankToNull(directoryCaCertificate.get());
        return new WizardServices.DirectoryConnection(ldapUrl.get().trim(), bindDn.get().trim(),
                password.get().toCharArray(), ca == null ? null : Path.of(ca));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The configuration of the installation when the wizard opened, or empty on a first run. */
    public Optional<SyncConfiguration> current() {
        return Optional.ofNullable(current);
    }

    /** True when group writeback was switched on in the installation's configuration. */
    public boolean writebackWasEnabled() {
        return current != null && current.writebackEnabled();
    }

    public ObjectProperty<WizardTask> taskProperty() {
        return task;
    }

    public StringProperty authorityProperty() {
        return authority;
    }

    public StringProperty graphBaseUrlProperty() {
        return graphBaseUrl;
    }

    public StringProperty clientIdProperty() {
        return clientId;
    }

    public StringProperty clientSecretFileProperty() {
        return clientSecretFile;
    }

    /** The application (client) ID the administrator signs in with (public client flows); not saved. */
    public StringProperty signInClientIdProperty() {
        return signInClientId;
    }

    public ObjectProperty<CredentialKind> credentialKindProperty() {
        return credentialKind;
    }

    /** The PKCS#12 file with the engine's private key and certificate. */
    public StringProperty certificateFileProperty() {
        return certificateFile;
    }

    /** The owner-only file holding the PKCS#12 password. */
    public StringProperty certificatePasswordFileProperty() {
        return certificatePasswordFile;
    }

    /** What the wizard created for the engine's identity in this session (shown on Ready); empty when nothing. */
    public ObservableList<String> engineIdentityActions() {
        return engineIdentityActions;
    }

    public ObjectProperty<TenantInfo> tenantProperty() {
        return tenant;
    }

    public StringProperty ldapUrlProperty() {
        return ldapUrl;
    }

    public StringProperty bindDnProperty() {
        return bindDn;
    }

    /** The bind password typed on the directories page; kept in memory for this session only. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty directoryCaCertificateProperty() {
        return directoryCaCertificate;
    }

    public StringProperty baseDnProperty() {
        return baseDn;
    }

    public ObjectProperty<DirectoryInfo> directoryInfoProperty() {
        return directoryInfo;
    }

    /** DNs of the included subtrees (Domain and OU filtering). */
    public ObservableList<String> included() {
        return included;
    }

    /** DNs of the subtrees excluded inside the included ones. */
    public ObservableList<String> excluded() {
        return excluded;
    }

    public BooleanProperty writebackEnabledProperty() {
        return writebackEnabled;
    }

    /** Set when writeback is switched off on an installation where it was on; null otherwise. */
    public ObjectProperty<DisableMode> disableModeProperty() {
        return disableMode;
    }

    /** How many groups this installation manages, once the deletion warning has counted them; -1 before. */
    public IntegerProperty managedGroupCountProperty() {
        return managedGroupCount;
    }

    public StringProperty targetOuProperty() {
        return targetOu;
    }

    public BooleanProperty dnWithDisplayNameProperty() {
        return dnWithDisplayName;
    }

    public IntegerProperty memberLimitProperty() {
        return memberLimit;
    }

    /** Staging mode (Optional features): cycles import and plan but export nothing. */
    public BooleanProperty stagingModeProperty() {
        return stagingMode;
    }

    public BooleanProperty startSyncWhenDoneProperty() {
        return startSyncWhenDone;
    }
}
