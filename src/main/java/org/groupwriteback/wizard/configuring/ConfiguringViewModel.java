package org.groupwriteback.wizard.configuring;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.approval.DeletionApprovalViewModel;

/**
 * Configuring / Configuration complete: saves the configuration, runs the first cycle when asked, and shows
 * the outcome with the cycle's counts, or what failed and what to do about it.
 */
public final class ConfiguringViewModel implements PageModel {
    /** Where the work stands. */
    public enum Phase {
        NOT_STARTED,
        SAVING,
        SYNCHRONIZING,
        COMPLETE,
        FAILED
    }

    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.NOT_STARTED);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty headline = new SimpleStringProperty("");
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<WizardServices.RunSummary> firstRun = new SimpleObjectProperty<>();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final BooleanProperty saved = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private final DeletionApprovalViewModel approval;

    public ConfiguringViewModel(WizardState state, WizardServices services, TaskExecutor runner, Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        this.approval = new DeletionApprovalViewModel(services, runner, messages, this::finished);
        phase.addListener((o, a, p) -> blockingReason.set(
                p == Phase.SAVING || p == Phase.SYNCHRONIZING ? messages.get("configuring.wait") : ""));
    }

    @Override
    public void enter() {
        if (phase.get() == Phase.NOT_STARTED) {
            start();
        }
    }

    /** Saves (unless already saved) and, when asked, runs the first cycle. Also used by "Retry". */
    public void start() {
        problems.clear();
        if (saved.get()) {
            synchronize();
            return;
        }
        set(Phase.SAVING, 0.15, messages.get("configuring.saving"));
        var configuration = withSchedulerAsChosen(state.toConfiguration());
        var request = new WizardServices.SaveRequest(state.passwordProperty().get().toCharArray(),
                state.disableModeProperty().get() == WizardState.DisableMode.KEEP_GROUPS, true);
        runner.run(() -> {
            services.saveConfiguration(configuration, request);
            return true;
        }, ok -> {
            saved.set(true);
            synchronize();
        }, e -> {
            if (e instanceof ConfigurationException ce) {
                ce.errors().forEach(fe -> problems.add(fe.toString()));
            } else {
                problems.add(e.getMessage());
            }
            fail(messages.get("configuring.saveFailed"));
        });
    }

    private void synchronize() {
        if (!state.startSyncWhenDoneProperty().get()) {
            set(Phase.COMPLETE, 1, messages.get("configuring.completeNoSync"));
            return;
        }
        set(Phase.SYNCHRONIZING, 0.5, messages.get("configuring.syncing"));
        runner.run(() -> services.runSync(line -> runner.onUi(() -> detail.set(line))), this::finished, e -> {
            problems.add(e.getMessage());
            fail(messages.get("configuring.syncFailed"));
        });
    }

    /** A cycle ended (the first one, or the one that applied approved deletes). */
    private void finished(WizardServices.RunSummary run) {
        firstRun.set(run);
        problems.setAll(run.exportErrors());
        approval.show(run);
        set(Phase.COMPLETE, 1, run.awaitingApproval() ? messages.get("configuring.blocked")
                : run.exportErrors().isEmpty() ? messages.get("configuring.complete", interval())
                : messages.get("configuring.completeWithErrors", run.exportErrors().size()));
    }

    /**
     * The deletes the first cycle left waiting at the deletion threshold (a disable that deletes the groups, or
     * a configuration that takes many groups out of scope), with "Approve these N deletions".
     */
    public DeletionApprovalViewModel approval() {
        return approval;
    }

    /** "Start the synchronization process when configuration completes" unchecked: the scheduler stays off. */
    private SyncConfiguration withSchedulerAsChosen(SyncConfiguration c) {
        if (state.startSyncWhenDoneProperty().get()) {
            return c;
        }
        Integer minutes = c.scheduler() == null ? null : c.scheduler().intervalMinutes();
        return new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(), c.groupWriteback(), c.deletionThreshold(),
                new SyncConfiguration.Scheduler(false, minutes), c.stagingMode());
    }

    private Object interval() {
        var scheduler = state.toConfiguration().scheduler();
        return scheduler == null || scheduler.intervalMinutes() == null ? 30 : scheduler.intervalMinutes();
    }

    private void fail(String what) {
        set(Phase.FAILED, 1, what);
    }

    private void set(Phase p, double fraction, String text) {
        progress.set(fraction);
        detail.set(text);
        headline.set(messages.get(p == Phase.COMPLETE ? "configuring.title.complete"
                : p == Phase.FAILED ? "configuring.title.failed" : "configuring.title.running"));
        phase.set(p);
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** "Configuring...", "Configuration complete" or "Configuration failed". */
    public StringProperty headlineProperty() {
        return headline;
    }

    /** What is happening or what happened, including what to do next. */
    public StringProperty detailProperty() {
        return detail;
    }

    /** The first cycle's record, once it ran. */
    public ObjectProperty<WizardServices.RunSummary> firstRunProperty() {
        return firstRun;
    }

    /** Export errors of the first cycle, or why saving/synchronizing failed. */
    public ObservableList<String> problems() {
        return problems;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
