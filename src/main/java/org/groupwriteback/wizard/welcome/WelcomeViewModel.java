package org.groupwriteback.wizard.welcome;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageFlow;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.WizardTask;

/** Welcome page: the first-run introduction, or the list of tasks for a configured installation. */
public final class WelcomeViewModel implements PageModel {
    private final WizardState state;
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");

    public WelcomeViewModel(WizardState state, Messages messages) {
        this.state = state;
        blockingReason.bind(Bindings.createStringBinding(
                () -> state.taskProperty().get() == null ? messages.get("welcome.chooseTask") : "",
                state.taskProperty()));
    }

    /** True when nothing is configured yet. */
    public boolean firstRun() {
        return state.current().isEmpty();
    }

    /** The tasks to choose from (none on a first run). */
    public List<WizardTask> tasks() {
        return firstRun() ? List.of() : PageFlow.tasksForExistingInstallation();
    }

    /** The chosen task; the page flow follows it. */
    public ObjectProperty<WizardTask> selectedTaskProperty() {
        return state.taskProperty();
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
