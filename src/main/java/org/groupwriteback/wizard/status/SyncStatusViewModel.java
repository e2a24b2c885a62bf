package org.groupwriteback.wizard.status;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;

/**
 * View synchronization status: the latest runs with their counts and export errors. The window refreshes
 * it periodically while a cycle runs ({@link #cycleRunningProperty()}).
 */
public final class SyncStatusViewModel implements PageModel {
    /** How many runs the page lists. */
    public static final int RUNS_SHOWN = 10;

    private final WizardServices services;
    private final TaskExecutor runner;
    private final ObservableList<WizardServices.RunSummary> runs = FXCollections.observableArrayList();
    private final BooleanProperty cycleRunning = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private final ObservableList<String> selectedErrors = FXCollections.observableArrayList();

    public SyncStatusViewModel(WizardServices services, TaskExecutor runner) {
        this.services = services;
        this.runner = runner;
    }

    @Override
    public void enter() {
        refresh();
    }

    /** Reloads the run history and whether a cycle is running. */
    public void refresh() {
        record Snapshot(java.util.List<WizardServices.RunSummary> runs, boolean running) {
        }
        runner.run(() -> new Snapshot(services.recentRuns(RUNS_SHOWN), services.cycleRunning()), s -> {
            runs.setAll(s.runs());
            cycleRunning.set(s.running());
            error.set("");
        }, e -> error.set(e.getMessage()));
    }

    /** Shows the export errors of {@code run} (or none). */
    public void select(WizardServices.RunSummary run) {
        selectedErrors.setAll(run == null ? java.util.List.of() : run.exportErrors());
    }

    public ObservableList<WizardServices.RunSummary> runs() {
        return runs;
    }

    public ObservableList<String> selectedErrors() {
        return selectedErrors;
    }

    public BooleanProperty cycleRunningProperty() {
        return cycleRunning;
    }

    public StringProperty errorProperty() {
        return error;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
