package org.groupwriteback.wizard.permissions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Group writeback permissions: grant the sync account its rights on the target OU now (with an admin
 * credential used once), or take the PowerShell script and run it yourself; "Verify" lists what is missing.
 */
public final class PermissionsViewModel implements PageModel {
    /** How the rights get in place. */
    public enum Mode {
        GRANT_NOW,
        POWERSHELL
    }

    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    /** How the last result reads: green, red or neutral. */
    public enum ResultKind {
        INFO,
        OK,
        ERROR
    }

    private final ObjectProperty<ResultKind> resultKind = new SimpleObjectProperty<>(ResultKind.INFO);
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.GRANT_NOW);
    private final StringProperty adminDn = new SimpleStringProperty("");
    private final StringProperty adminPassword = new SimpleStringProperty("");
    private final StringProperty script = new SimpleStringProperty("");
    private final ObservableList<String> missing = FXCollections.observableArrayList();
    private final BooleanProperty verified = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");

    public PermissionsViewModel(WizardState state, WizardServices services, TaskExecutor runner, Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        blockingReason.bind(Bindings.createStringBinding(() -> {
            if (busy.get()) {
                return messages.get("permissions.busy");
            }
            if (mode.get() == Mode.GRANT_NOW && !verified.get()) {
                return messages.get("permissions.needVerify");
            }
            return "";
        }, mode, verified, busy));
        state.targetOuProperty().addListener(o -> verified.set(false));
    }

    @Override
    public void enter() {
        script.set(services.permissionsScript(state.bindDnProperty().get(), state.targetOuProperty().get()));
    }

    /** Grants the rights with the admin credential, forgets the password, then verifies. */
    public void grant() {
        char[] password = adminPassword.get().toCharArray();
        adminPassword.set("");
        String admin = adminDn.get().trim();
        String ou = state.targetOuProperty().get();
        WizardServices.DirectoryConnection account = state.directoryConnection();
        busy.set(true);
        result.set("");
        runner.run(() -> {
            try {
                services.grantPermissions(account, ou, admin, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            return services.verifyPermissions(account, ou);
        }, list -> {
            busy.set(false);
            showVerification(list);
        }, e -> {
            busy.set(false);
            verified.set(false);
            resultKind.set(ResultKind.ERROR);
            result.set(messages.get("permissions.grantFailed", e.getMessage()));
        });
    }

    /** Checks the sync account's effective rights on the target OU. */
    public void verify() {
        String ou = state.targetOuProperty().get();
        WizardServices.DirectoryConnection account = state.directoryConnection();
        busy.set(true);
        runner.run(() -> services.verifyPermissions(account, ou), list -> {
            busy.set(false);
            showVerification(list);
        }, e -> {
            busy.set(false);
            verified.set(false);
            resultKind.set(ResultKind.ERROR);
            result.set(messages.get("permissions.verifyFailed", e.getMessage()));
        });
    }

    private void showVerification(java.util.List<String> missingRights) {
        missing.setAll(missingRights);
        verified.set(missingRights.isEmpty());
        resultKind.set(missingRights.isEmpty() ? ResultKind.OK : ResultKind.ERROR);
        result.set(missingRights.isEmpty() ? messages.get("permissions.ok", state.targetOuProperty().get())
                : messages.get("permissions.missing", missingRights.size()));
    }

    /** Writes the script to {@code file}. */
    public void saveScript(Path file) {
        String text = script.get();
        runner.run(() -> Files.writeString(file, text, StandardCharsets.UTF_8),
                p -> {
                    resultKind.set(ResultKind.INFO);
                    result.set(messages.get("permissions.saved", p));
                },
                e -> {
                    resultKind.set(ResultKind.ERROR);
                    result.set(messages.get("permissions.saveFailed", file, e.getMessage()));
                });
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty adminDnProperty() {
        return adminDn;
    }

    public StringProperty adminPasswordProperty() {
        return adminPassword;
    }

    public StringProperty scriptProperty() {
        return script;
    }

    /** Rights still missing after the last verification. */
    public ObservableList<String> missing() {
        return missing;
    }

    public BooleanProperty verifiedProperty() {
        return verified;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Whether {@link #resultProperty()} is good news, bad news or neutral. */
    public ObjectProperty<ResultKind> resultKindProperty() {
        return resultKind;
    }

    public StringProperty resultProperty() {
        return result;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
