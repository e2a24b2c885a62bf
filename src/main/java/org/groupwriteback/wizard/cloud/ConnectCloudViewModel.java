package org.groupwriteback.wizard.cloud;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Connect to Entra ID: the administrator signs in, in the system browser by default, or with a device code
 * when no browser can be opened here (or on request). Shows what it waits for, can be cancelled, and names the
 * tenant it reached. Editing the authority or the sign-in application forgets the sign-in.
 */
public final class ConnectCloudViewModel implements PageModel {
    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final boolean browserAvailable;
    private final BooleanProperty useDeviceCode = new SimpleBooleanProperty();
    private final StringProperty userCode = new SimpleStringProperty("");
    private final StringProperty verificationUri = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    /** Counts sign-in attempts: the answer of a cancelled or superseded attempt is ignored. */
    private int attempt;

    public ConnectCloudViewModel(WizardState state, WizardServices services, TaskExecutor runner, Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        this.browserAvailable = services.canOpenBrowser();
        useDeviceCode.set(!browserAvailable);
        state.authorityProperty().addListener((o, a, b) -> state.tenantProperty().set(null));
        state.signInClientIdProperty().addListener((o, a, b) -> state.tenantProperty().set(null));
        blockingReason.bind(Bindings.createStringBinding(this::reason, state.authorityProperty(),
                state.signInClientIdProperty(), state.tenantProperty(), busy));
        status.bind(Bindings.createStringBinding(() -> {
            TenantInfo t = state.tenantProperty().get();
            return t == null ? "" : messages.get("cloud.connected", t.displayName(), t.tenantId(),
                    t.defaultDomain() == null ? "" : t.defaultDomain());
        }, state.tenantProperty()));
    }

    private String reason() {
        if (state.authorityProperty().get().isBlank()) {
            return messages.get("cloud.needAuthority");
        }
        if (state.signInClientIdProperty().get().isBlank()) {
            return messages.get("cloud.needClientId");
        }
        if (busy.get()) {
            return messages.get("cloud.signingIn");
        }
        return state.tenantProperty().get() == null ? messages.get("cloud.needSignIn") : "";
    }

    /** Starts the sign-in of the chosen kind: the browser, or the device code shown in {@link #userCodeProperty()}. */
    public void signIn() {
        if (busy.get()) {
            return;
        }
        String authority = state.authorityProperty().get().trim();
        String clientId = state.signInClientIdProperty().get().trim();
        int mine = ++attempt;
        busy.set(true);
        error.set("");
        userCode.set("");
        verificationUri.set("");
        state.tenantProperty().set(null);
        if (useDeviceCode.get()) {
            progress.set(messages.get("cloud.progress.requestingCode"));
            runner.run(() -> services.signIn(authority, clientId, code -> runner.onUi(() -> {
                if (mine == attempt) {
                    userCode.set(code.userCode());
                    verificationUri.set(code.verificationUri());
                    progress.set(messages.get("cloud.progress.waitingForCode"));
                }
            })), tenant -> succeeded(mine, tenant), e -> failed(mine, e));
        } else {
            progress.set(messages.get("cloud.progress.browser"));
            runner.run(() -> services.signInInBrowser(authority, clientId), tenant -> succeeded(mine, tenant),
                    e -> failed(mine, e));
        }
    }

    /** "Use a device code instead": switches to the device code sign-in and starts it (cancelling a browser one). */
    public void useDeviceCodeInstead() {
        if (busy.get()) {
            cancel();
        }
        useDeviceCode.set(true);
        signIn();
    }

    /** "Sign in with a browser": back to the default kind (only offered when a browser can be opened). */
    public void useBrowserInstead() {
        if (!browserAvailable) {
            return;
        }
        if (busy.get()) {
            cancel();
        }
        useDeviceCode.set(false);
        error.set("");
    }

    /** Stops waiting for the running sign-in; its late answer is ignored. */
    public void cancel() {
        if (!busy.get()) {
            return;
        }
        attempt++;
        stopWaiting();
        error.set(messages.get("cloud.cancelled"));
        services.cancelSignIn();
    }

    private void succeeded(int mine, TenantInfo tenant) {
        if (mine != attempt) {
            return;
        }
        stopWaiting();
        state.tenantProperty().set(tenant);
    }

    private void failed(int mine, Exception e) {
        if (mine != attempt) {
            return;
        }
        stopWaiting();
        error.set(messages.get("cloud.failed", e.getMessage()));
    }

    /** Clears what the page shows while a sign-in waits (the device code, its address, the progress line). */
    private void stopWaiting() {
        busy.set(false);
        progress.set("");
        userCode.set("");
        verificationUri.set("");
    }

    public StringProperty authorityProperty() {
        return state.authorityProperty();
    }

    /** The application (client) ID the administrator signs in with. */
    public StringProperty clientIdProperty() {
        return state.signInClientIdProperty();
    }

    /** True when the sign-in uses a device code (no browser here, or chosen). */
    public BooleanProperty useDeviceCodeProperty() {
        return useDeviceCode;
    }

    /** Whether a browser can be opened on this machine at all. */
    public boolean browserAvailable() {
        return browserAvailable;
    }

    public StringProperty userCodeProperty() {
        return userCode;
    }

    public StringProperty verificationUriProperty() {
        return verificationUri;
    }

    /** What the running sign-in waits for, in plain words; empty when none runs. */
    public StringProperty progressProperty() {
        return progress;
    }

    /** "Connected to tenant ..." once signed in. */
    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
