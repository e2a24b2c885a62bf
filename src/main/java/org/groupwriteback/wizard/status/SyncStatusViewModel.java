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
 * View synchronization status: the latest runs with their counts and export errors, the deletes the newest
 * run left waiting at the deletion threshold with their approval and, when a background service runs on the
 * data directory, its scheduler, last and next run and the progress of the cycle it runs. The window refreshes
 * it every few seconds while the page is shown, so the page follows the service live.
 */
public final class SyncStatusViewModel implements PageModel {
    /** How many runs the page lists. */
    public static final int RUNS_SHOWN = 10;
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private final WizardServices services;
    private final TaskExecutor runner;
    private final ObservableList<WizardServices.RunSummary> runs = FXCollections.observableArrayList();
    private final BooleanProperty cycleRunning = new SimpleBooleanProperty(false);
    private final StringProperty error = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private final ObservableList<String> selectedErrors = FXCollections.observableArrayList();
    private final DeletionApprovalViewModel approval;
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final Messages messages;

    public SyncStatusViewModel(WizardServices services, TaskExecutor runner, Messages messages) {
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        this.approval = new DeletionApprovalViewModel(services, runner, messages, done -> refresh());
    }

    @Override
    public void enter() {
        refresh();
    }

    /** Reloads the run history and whether a cycle is running. */
    public void refresh() {
        record Snapshot(java.util.List<WizardServices.RunSummary> runs, boolean running,
                java.util.Optional<WizardServices.ServiceState> service) {
        }
        runner.run(() -> {
            var state = services.serviceState();
            return new Snapshot(services.recentRuns(RUNS_SHOWN), state.map(WizardServices.ServiceState::cycleRunning)
                    .orElseGet(services::cycleRunning), state);
        }, s -> {
            runs.setAll(s.runs());
            cycleRunning.set(s.running());
            service.set(s.service().map(this::describe).orElse(""));
            progress.set(s.service().map(WizardServices.ServiceState::progress).orElse(""));
            error.set("");
            if (approval.blockedProperty().get() == null && !s.runs().isEmpty() && s.runs().get(0).awaitingApproval()
                    && !approval.busyProperty().get()) {
                approval.show(s.runs().get(0));
            }
        }, e -> error.set(e.getMessage()));
    }

    private String describe(WizardServices.ServiceState s) {
        String scheduler = !s.schedulerEnabled() ? messages.get("status.service.disabled")
                : s.suspended() ? messages.get("status.service.suspended", s.intervalMinutes())
                : messages.get("status.service.enabled", s.intervalMinutes());
        String next = s.nextRun() == null ? messages.get("status.service.noNext")
                : messages.get("status.service.next", TIME.format(s.nextRun()));
        String last = s.lastRun() == null ? messages.get("status.service.noLast")
                : messages.get("status.service.last", s.lastRun());
        return messages.get("status.service", Long.toString(s.pid())) + " " + scheduler + " " + next + " " + last;
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

    /** The running service, its scheduler, next and last run; empty when no service runs. */
    public StringProperty serviceProperty() {
        return service;
    }

    /** The latest progress line of the cycle the service runs now; empty when none runs. */
    public StringProperty progressProperty() {
        return progress;
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
