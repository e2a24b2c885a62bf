package org.groupwriteback.wizard.ready;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.preview.PreviewViewModel;

/**
 * Ready to configure: what changes against the current configuration (everything on a first run), the
 * engine's objections if any, what staging mode means for this configuration, the preview of the next
 * synchronization with the configuration being written (before it is saved, binding with the typed password),
 * and "Start the synchronization process when configuration completes".
 */
public final class ReadyViewModel implements PageModel {
    private final WizardState state;
    private final WizardServices services;
    private final ConfigurationSummary summary;
    private final Messages messages;
    private final PreviewViewModel preview;
    private final ObservableList<ConfigurationSummary.Row> changes = FXCollections.observableArrayList();
    private final ObservableList<String> errors = FXCollections.observableArrayList();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty stagingNote = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");

    public ReadyViewModel(WizardState state, WizardServices services, TaskExecutor runner,
            ConfigurationSummary summary, Messages messages) {
        this.state = state;
        this.services = services;
        this.summary = summary;
        this.messages = messages;
        this.preview = new PreviewViewModel(services, runner, messages, state::toConfiguration,
                () -> state.passwordProperty().get() == null ? new char[0]
                        : state.passwordProperty().get().toCharArray(), this::firstEnable);
    }

    @Override
    public void enter() {
        SyncConfiguration draft = state.toConfiguration();
        SyncConfiguration before = state.current().orElse(null);
        List<ConfigurationSummary.Row> rows = summary.compare(before, draft);
        changes.setAll(before == null ? rows : rows.stream().filter(ConfigurationSummary.Row::changed).toList());
        errors.setAll(services.validate(draft).stream().map(ConfigurationException.FieldError::toString).toList());
        WizardState.DisableMode mode = state.disableModeProperty().get();
        note.set(mode == null ? (before != null && changes.isEmpty() ? messages.get("ready.noChanges") : "")
                : messages.get(mode == WizardState.DisableMode.DELETE_GROUPS ? "features.note.delete"
                        : "features.note.keep", state.managedGroupCountProperty().get()));
        boolean wasStaging = before != null && before.staging();
        stagingNote.set(draft.staging() ? messages.get(wasStaging ? "ready.staging.stays" : "ready.staging.on")
                : wasStaging ? messages.get("ready.staging.leaving") : "");
        blockingReason.set(errors.isEmpty() ? "" : messages.get("ready.invalid", errors.size()));
        if (errors.isEmpty()) {
            preview.refresh();
        }
    }

    /** True when this configuration switches group writeback on where it was off (or on a first run). */
    boolean firstEnable() {
        SyncConfiguration before = state.current().orElse(null);
        return state.writebackEnabledProperty().get() && (before == null || !before.writebackEnabled());
    }

    /** The settings that change (all settings on a first run). */
    public ObservableList<ConfigurationSummary.Row> changes() {
        return changes;
    }

    /** The validator's objections, "field: message". */
    public ObservableList<String> errors() {
        return errors;
    }

    /** What disabling writeback will do to the groups in AD, or that nothing changes. */
    public StringProperty noteProperty() {
        return note;
    }

    /** What staging mode means here: switched on, kept on, or left (the preview is what the first export does). */
    public StringProperty stagingNoteProperty() {
        return stagingNote;
    }

    /** The preview of the next synchronization with this configuration. */
    public PreviewViewModel preview() {
        return preview;
    }

    public BooleanProperty startSyncProperty() {
        return state.startSyncWhenDoneProperty();
    }

    /** What the wizard created in Entra ID for the engine in this session; empty when nothing. */
    public ObservableList<String> engineIdentityActions() {
        return state.engineIdentityActions();
    }

    /** The command that undoes {@link #engineIdentityActions()}. */
    public String engineIdentityUndo() {
        return messages.get("identity.undo", state.signInClientIdProperty().get().trim());
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
