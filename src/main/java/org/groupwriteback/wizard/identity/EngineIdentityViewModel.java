package org.groupwriteback.wizard.identity;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.RequiredPermissions;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.WizardState.CredentialKind;

/**
 * The engine's identity, after the administrator has signed in: either the wizard creates the app registration
 * (certificate credential, admin-consented permissions, waiting out the replication with a countdown), or the
 * administrator gives an existing one (client id + certificate or secret file) and tests it. Next is blocked
 * until the identity is created, or the given credential has passed its test for the signed-in tenant.
 */
public final class EngineIdentityViewModel implements PageModel {
    /** The two ways to get the engine's identity. */
    public enum Mode {
        /** The wizard creates (or reuses by name) the app registration. */
        CREATE,
        /** The administrator gives an existing app registration and its credential. */
        EXISTING
    }

    /** The start of the engine's replication countdown lines, shown in their own line instead of the step list. */
    static final String COUNTDOWN_PREFIX = "Waiting for";

    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>();
    private final BooleanProperty manageWriteback = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper tested = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<AppProvisioning.EngineIdentity> created = new SimpleObjectProperty<>();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private final StringProperty countdown = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty undo = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    /** The tenant the created identity or the passed test belongs to. */
    private String provenTenant;

    public EngineIdentityViewModel(WizardState state, WizardServices services, TaskExecutor runner,
            Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        mode.set(state.current().isPresent() && state.current().get().cloud() != null
                && state.current().get().cloud().clientId() != null ? Mode.EXISTING : Mode.CREATE);
        for (Observable o : new Observable[] {state.clientIdProperty(), state.credentialKindProperty(),
            state.certificateFileProperty(), state.certificatePasswordFileProperty(),
            state.clientSecretFileProperty()}) {
            o.addListener(x -> {
                if (!busy.get()) {
                    forgetTest();
                }
            });
        }
        state.tenantProperty().addListener((o, a, b) -> {
            if (b == null || !b.tenantId().equals(provenTenant)) {
                forgetTest();
                created.set(null);
                steps.clear();
                undo.set("");
                state.engineIdentityActions().clear();
            }
        });
        mode.addListener((o, a, b) -> error.set(""));
        blockingReason.bind(Bindings.createStringBinding(this::reason, mode, busy, tested, created,
                state.tenantProperty(), state.clientIdProperty(), state.credentialKindProperty(),
                state.certificateFileProperty(), state.certificatePasswordFileProperty(),
                state.clientSecretFileProperty()));
    }

    private void forgetTest() {
        tested.set(false);
        result.set("");
    }

    private String reason() {
        if (state.tenantProperty().get() == null) {
            return messages.get("identity.needSignIn");
        }
        if (busy.get()) {
            return messages.get("identity.busy");
        }
        if (mode.get() == Mode.CREATE) {
            return created.get() == null ? messages.get("identity.needCreate") : "";
        }
        if (blank(state.clientIdProperty().get())) {
            return messages.get("identity.needClientId");
        }
        if (state.credentialKindProperty().get() == CredentialKind.CERTIFICATE
                ? blank(state.certificateFileProperty().get()) || blank(state.certificatePasswordFileProperty().get())
                : blank(state.clientSecretFileProperty().get())) {
            return messages.get(state.credentialKindProperty().get() == CredentialKind.CERTIFICATE
                    ? "identity.needCertificate" : "identity.needSecret");
        }
        return tested.get() ? "" : messages.get("identity.needTest");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Creates the engine's app registration; the steps and the replication countdown show as they happen. */
    public void createIdentity() {
        TenantInfo tenant = state.tenantProperty().get();
        if (busy.get() || tenant == null) {
            return;
        }
        boolean manage = manageWriteback.get();
        busy.set(true);
        error.set("");
        steps.clear();
        countdown.set(messages.get("identity.creating"));
        runner.run(() -> services.createEngineIdentity(manage, line -> runner.onUi(() -> progress(line))),
                identity -> {
                    SyncConfiguration.Credential credential = identity.cloud().credential();
                    state.clientIdProperty().set(identity.appId());
                    state.credentialKindProperty().set(CredentialKind.CERTIFICATE);
                    state.certificateFileProperty().set(credential.certificateFile());
                    state.certificatePasswordFileProperty().set(credential.certificatePasswordFile());
                    state.engineIdentityActions().setAll(identity.actions());
                    steps.setAll(identity.actions());
                    countdown.set("");
                    provenTenant = tenant.tenantId();
                    created.set(identity);
                    tested.set(true);
                    undo.set(messages.get("identity.undo", state.signInClientIdProperty().get().trim()));
                    busy.set(false);
                }, e -> {
                    countdown.set("");
                    error.set(messages.get("identity.createFailed", e.getMessage()));
                    busy.set(false);
                });
    }

    private void progress(String line) {
        if (line.startsWith(COUNTDOWN_PREFIX)) {
            countdown.set(line);
        } else {
            steps.add(line);
        }
    }

    /** "Test credential": token, {@code /organization} and one read per required permission, as the engine does. */
    public void testCredential() {
        TenantInfo tenant = state.tenantProperty().get();
        if (busy.get() || tenant == null) {
            return;
        }
        SyncConfiguration.Cloud cloud = state.serviceCloud();
        busy.set(true);
        error.set("");
        result.set(messages.get("identity.testing"));
        runner.run(() -> services.testCredential(cloud), reached -> {
            busy.set(false);
            if (!tenant.tenantId().equals(reached.tenantId())) {
                result.set("");
                error.set(messages.get("identity.otherTenant", reached.tenantId(), tenant.tenantId()));
                return;
            }
            provenTenant = tenant.tenantId();
            result.set(messages.get("identity.tested", reached.displayName(), reached.tenantId()));
            tested.set(true);
        }, e -> {
            busy.set(false);
            result.set("");
            error.set(messages.get("identity.testFailed", e.getMessage()));
        });
    }

    /** The sentence under the "create" choice: the app's name and the permissions it gets. */
    public String createDetail() {
        return messages.get("identity.create.detail", AppProvisioning.DEFAULT_NAME,
                RequiredPermissions.describe(manageWriteback.get()));
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Whether the created app also gets Group.ReadWrite.All (per-group writeback management). */
    public BooleanProperty manageWritebackProperty() {
        return manageWriteback;
    }

    public StringProperty clientIdProperty() {
        return state.clientIdProperty();
    }

    public ObjectProperty<CredentialKind> credentialKindProperty() {
        return state.credentialKindProperty();
    }

    public StringProperty certificateFileProperty() {
        return state.certificateFileProperty();
    }

    public StringProperty certificatePasswordFileProperty() {
        return state.certificatePasswordFileProperty();
    }

    public StringProperty secretFileProperty() {
        return state.clientSecretFileProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the given credential passed its test (or the created one signed in). */
    public ReadOnlyBooleanProperty testedProperty() {
        return tested.getReadOnlyProperty();
    }

    /** The identity the wizard created in this session, or null. */
    public ObjectProperty<AppProvisioning.EngineIdentity> createdProperty() {
        return created;
    }

    /** The steps of the creation, as they happen and then as the engine reported them. */
    public ObservableList<String> steps() {
        return steps;
    }

    /** The running step or the replication countdown; empty when nothing runs. */
    public StringProperty countdownProperty() {
        return countdown;
    }

    /** The passed credential test, in plain words. */
    public StringProperty resultProperty() {
        return result;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** How to undo the creation ({@code gwb app remove}); empty before. */
    public StringProperty undoProperty() {
        return undo;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
