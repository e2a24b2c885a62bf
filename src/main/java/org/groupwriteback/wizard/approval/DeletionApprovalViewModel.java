package org.groupwriteback.wizard.approval;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardServices.RunSummary;

/**
 * The deletes a run left waiting at the deletion threshold, and "Approve these N deletions": a cycle that
 * applies exactly that set (the engine refuses when it changed). Part of the status and completion pages.
 */
public final class DeletionApprovalViewModel {
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final Consumer<RunSummary> onApproved;
    private final ObjectProperty<RunSummary> blocked = new SimpleObjectProperty<>();
    private final ObservableList<WizardServices.PendingDelete> deletes = FXCollections.observableArrayList();
    private final StringProperty headline = new SimpleStringProperty("");
    private final StringProperty approveText = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    /** @param onApproved receives the record of the cycle that applied the approved deletes (on the UI thread) */
    public DeletionApprovalViewModel(WizardServices services, TaskExecutor runner, Messages messages,
            Consumer<RunSummary> onApproved) {
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        this.onApproved = onApproved;
    }

    /** Shows the pending deletes of {@code run}, or nothing when it has none (or is null). */
    public void show(RunSummary run) {
        boolean waiting = run != null && run.awaitingApproval();
        blocked.set(waiting ? run : null);
        deletes.setAll(waiting ? run.pendingDeletes() : List.of());
        headline.set(waiting ? messages.get("approval.headline", run.pendingDeletes().size()) : "");
        if (waiting) {
            // Kept while hidden: a button whose mnemonic text turns empty breaks the label layout.
            approveText.set(messages.get("approval.approve", run.pendingDeletes().size()));
        }
        error.set("");
        if (waiting) {
            outcome.set("");
        }
    }

    /** Approves exactly the shown deletes: one cycle in the background that applies them. */
    public void approve() {
        RunSummary run = blocked.get();
        if (run == null || busy.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        runner.run(() -> services.approveDeletes(run.runId()), done -> {
            busy.set(false);
            show(null);
            outcome.set(done.awaitingApproval() ? "" : messages.get("approval.done", done.deleted()));
            if (done.awaitingApproval()) {
                show(done);
            }
            onApproved.accept(done);
        }, e -> {
            busy.set(false);
            if (e instanceof WizardServices.ApprovalRefusedException refused && refused.current() != null) {
                show(refused.current());
            }
            error.set(messages.get("approval.failed", e.getMessage()));
        });
    }

    /** The run whose deletes wait, or null. */
    public ObjectProperty<RunSummary> blockedProperty() {
        return blocked;
    }

    /** The deletes waiting for approval: name and DN. */
    public ObservableList<WizardServices.PendingDelete> deletes() {
        return deletes;
    }

    /** "N groups would be deleted ...". */
    public StringProperty headlineProperty() {
        return headline;
    }

    /** "Approve these N deletions" (the last set's text while nothing waits). */
    public StringProperty approveTextProperty() {
        return approveText;
    }

    /** What the approved cycle did. */
    public StringProperty outcomeProperty() {
        return outcome;
    }

    /** Why the approval failed (for example: the set of deletes changed). */
    public StringProperty errorProperty() {
        return error;
    }

    /** True while the approved cycle runs. */
    public BooleanProperty busyProperty() {
        return busy;
    }
}
