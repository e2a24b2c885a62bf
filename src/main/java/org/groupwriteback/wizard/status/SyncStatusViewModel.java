package org.groupwriteback.wizard.status;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.approval.DeletionApprovalViewModel;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;

/**
 * View synchronization status: the latest runs with their counts and export errors, and the deletes the newest
 * run left waiting at the deletion threshold with their approval. The window refreshes
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
    private final DeletionApprovalViewModel approval;

    public SyncStatusViewModel(WizardServices services, TaskExecutor runner, Messages messages) {
        this.services = services;
        this.runner = runner;
        this.approval = new DeletionApprovalViewModel(services, runner, messages, done -> refresh());
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
            if (approval.blockedProperty().get() == null && !s.runs().isEmpty() && s.runs().get(0).awaitingApproval()
                    && !approval.busyProperty().get()) {
                approval.show(s.runs().get(0));
            }
        }, e -> error.set(e.getMessage()));
    }

    /** Shows the export errors of {@code run} (or none). */
    public void select(WizardServices.RunSummary run) {
        selectedErrors.setAll(run == null ? java.util.List.of() : run.exportErrors());
        if (run != null && !approval.busyProperty().get()) {
            approval.show(runs.isEmpty() || run != runs.get(0) ? null : run);
        }
    }

    /**
     * The deletes the newest run left waiting at the deletion threshold, with "Approve these N deletions" (only
     * the newest run's set can be approved: a later cycle plans again).
     */
    public DeletionApprovalViewModel approval() {
        return approval;
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
