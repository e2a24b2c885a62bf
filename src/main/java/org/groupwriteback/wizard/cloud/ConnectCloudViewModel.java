package org.groupwriteback.wizard.cloud;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Connect to Entra ID: authority and application (client) id, device code sign-in, and the tenant it
 * reached. Editing the authority or client id forgets the sign-in.
 */
public final class ConnectCloudViewModel implements PageModel {
    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final StringProperty userCode = new SimpleStringProperty("");
    private final StringProperty verificationUri = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");

    public ConnectCloudViewModel(WizardState state, WizardServices services, TaskExecutor runner, Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        state.authorityProperty().addListener((o, a, b) -> state.tenantProperty().set(null));
        state.clientIdProperty().addListener((o, a, b) -> state.tenantProperty().set(null));
        blockingReason.bind(Bindings.createStringBinding(this::reason, state.authorityProperty(),
                state.clientIdProperty(), state.tenantProperty(), busy));
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
        if (state.clientIdProperty().get().isBlank()) {
            return messages.get("cloud.needClientId");
        }
        if (busy.get()) {
            return messages.get("cloud.signingIn");
        }
        return state.tenantProperty().get() == null ? messages.get("cloud.needSignIn") : "";
    }

    /** Starts the device code sign-in; the code appears in {@link #userCodeProperty()} while it runs. */
    public void signIn() {
        String authority = state.authorityProperty().get().trim();
        String clientId = state.clientIdProperty().get().trim();
        busy.set(true);
        error.set("");
        userCode.set("");
        verificationUri.set("");
        runner.run(() -> services.signIn(authority, clientId, code -> runner.onUi(() -> {
            userCode.set(code.userCode());
            verificationUri.set(code.verificationUri());
        })), tenant -> {
            busy.set(false);
            state.tenantProperty().set(tenant);
        }, e -> {
            busy.set(false);
            error.set(messages.get("cloud.failed", e.getMessage()));
        });
    }

    public StringProperty authorityProperty() {
        return state.authorityProperty();
    }

    public StringProperty clientIdProperty() {
        return state.clientIdProperty();
    }

    public StringProperty clientSecretFileProperty() {
        return state.clientSecretFileProperty();
    }

    public StringProperty userCodeProperty() {
        return userCode;
    }

    public StringProperty verificationUriProperty() {
        return verificationUri;
    }

    /** "Connected to tenant ..." once signed in. */
    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
