package org.groupwriteback.wizard.features;

import java.util.List;
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
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Optional features: the "Group writeback" check box. Clearing it on an installation where writeback was on
 * does not take effect at once: it opens the deletion warning ({@link #warningProperty()}), answered with
 * Yes (delete the groups on the next cycle), No (nothing changes) or Keep (groups stay in AD, unmanaged).
 */
public final class OptionalFeaturesViewModel implements PageModel {
    /** How many group names the warning shows before "Show all". */
    public static final int NAMES_SHOWN = 5;

    /** What the deletion warning shows: how many groups would be deleted, and their names. */
    public record DeletionWarning(int count, List<String> names) {
        public DeletionWarning {
            names = List.copyOf(names);
        }

        /** The first names, before "Show all". */
        public List<String> firstNames() {
            return names.subList(0, Math.min(NAMES_SHOWN, names.size()));
        }
    }

    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final ReadOnlyBooleanWrapper checkBox = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<DeletionWarning> warning = new SimpleObjectProperty<>();
    private final BooleanProperty showAll = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private final StringProperty note = new SimpleStringProperty("");

    public OptionalFeaturesViewModel(WizardState state, WizardServices services, TaskExecutor runner,
            Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        checkBox.set(state.writebackEnabledProperty().get());
        state.writebackEnabledProperty().addListener((o, a, b) -> checkBox.set(b));
        blockingReason.bind(Bindings.createStringBinding(
                () -> warning.get() != null ? messages.get("features.answerWarning") : "", warning));
        note.bind(Bindings.createStringBinding(() -> {
            WizardState.DisableMode mode = state.disableModeProperty().get();
            if (mode == null) {
                return "";
            }
            return messages.get(mode == WizardState.DisableMode.DELETE_GROUPS ? "features.note.delete"
                    : "features.note.keep", state.managedGroupCountProperty().get());
        }, state.disableModeProperty(), state.managedGroupCountProperty()));
    }

    /** Staging mode: cycles import and plan but export nothing until it is switched off. */
    public javafx.beans.property.BooleanProperty stagingModeProperty() {
        return state.stagingModeProperty();
    }

    /** The state the check box shows (it can differ from the request while the warning is open). */
    public ReadOnlyBooleanProperty writebackCheckedProperty() {
        return checkBox.getReadOnlyProperty();
    }

    /** The admin (un)checked "Group writeback". */
    public void setWritebackRequested(boolean enabled) {
        if (enabled) {
            warning.set(null);
            state.disableModeProperty().set(null);
            state.writebackEnabledProperty().set(true);
            checkBox.set(true);
            return;
        }
        if (!state.writebackWasEnabled()) {
            state.writebackEnabledProperty().set(false);
            checkBox.set(false);
            return;
        }
        // Ask first: the answer decides what happens to the groups already in AD.
        checkBox.set(false);
        error.set("");
        runner.run(services::managedGroupNames, names -> {
            showAll.set(false);
            state.managedGroupCountProperty().set(names.size());
            warning.set(new DeletionWarning(names.size(), names));
        }, e -> {
            checkBox.set(true);
            error.set(messages.get("features.namesFailed", e.getMessage()));
        });
    }

    /** Yes: writeback is disabled and the groups it created are deleted on the next cycle. */
    public void confirmDelete() {
        answer(WizardState.DisableMode.DELETE_GROUPS);
    }

    /** The safe alternative: writeback is disabled, the groups stay in AD and are no longer managed. */
    public void keepGroups() {
        answer(WizardState.DisableMode.KEEP_GROUPS);
    }

    private void answer(WizardState.DisableMode mode) {
        warning.set(null);
        state.disableModeProperty().set(mode);
        state.writebackEnabledProperty().set(false);
        checkBox.set(false);
    }

    /** No: nothing changes, writeback stays on. */
    public void cancelDisable() {
        warning.set(null);
        checkBox.set(state.writebackEnabledProperty().get());
    }

    /** The open warning, or null. */
    public ObjectProperty<DeletionWarning> warningProperty() {
        return warning;
    }

    /** "Show all" was pressed in the warning. */
    public BooleanProperty showAllProperty() {
        return showAll;
    }

    /** What the chosen answer will do, shown under the check box. */
    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty errorProperty() {
        return error;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
