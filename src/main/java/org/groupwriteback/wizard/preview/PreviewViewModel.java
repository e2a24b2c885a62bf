package org.groupwriteback.wizard.preview;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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
import javafx.collections.transformation.FilteredList;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.plan.ChangeKind;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.PlanPreview;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;

/**
 * The preview of the next synchronization (the engine's dry-run plan): counts per change kind, the changes as
 * a searchable list, on the first enable how many Microsoft 365 and security groups will be created, and the
 * export of the list as CSV. It is the page of the task "Preview the next synchronization" and a part of the
 * Ready page, which previews the configuration being written.
 */
public final class PreviewViewModel implements PageModel {
    /** The count of one change kind; {@code kind} is the engine's wire name. */
    public record Count(String kind, String label, int count) {
    }

    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final Supplier<SyncConfiguration> configuration;
    private final Supplier<char[]> password;
    private final BooleanSupplier firstEnable;
    private final ObjectProperty<PlanPreview> preview = new SimpleObjectProperty<>();
    private final ObservableList<PlanPreview.Row> rows = FXCollections.observableArrayList();
    private final FilteredList<PlanPreview.Row> shown = new FilteredList<>(rows);
    private final ObservableList<Count> counts = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty creates = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty shownCount = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty exported = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private long generation;

    /**
     * @param configuration the configuration to preview (read each time the preview runs)
     * @param password the directory password typed in the wizard, empty for the stored one
     * @param firstEnable whether this configuration switches group writeback on for the first time
     */
    public PreviewViewModel(WizardServices services, TaskExecutor runner, Messages messages,
            Supplier<SyncConfiguration> configuration, Supplier<char[]> password, BooleanSupplier firstEnable) {
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        this.configuration = configuration;
        this.password = password;
        this.firstEnable = firstEnable;
        search.addListener((o, a, text) -> applySearch());
        shown.predicateProperty().addListener(o -> updateShownCount());
        rows.addListener((javafx.collections.ListChangeListener<PlanPreview.Row>) c -> updateShownCount());
    }

    @Override
    public void enter() {
        refresh();
    }

    /** Runs the engine's dry run of the configuration in the background; a newer run wins over an older one. */
    public void refresh() {
        long mine = ++generation;
        SyncConfiguration c = configuration.get();
        char[] typed = password.get();
        boolean first = firstEnable.getAsBoolean();
        running.set(true);
        error.set("");
        exported.set("");
        runner.run(() -> services.preview(c, typed), p -> {
            if (mine == generation) {
                show(p, first);
            }
        }, e -> {
            if (mine == generation) {
                running.set(false);
                show(null, false);
                error.set(messages.get("preview.failed", e.getMessage()));
            }
        });
    }

    private void show(PlanPreview p, boolean first) {
        running.set(false);
        preview.set(p);
        rows.setAll(p == null ? List.of() : p.rows());
        List<Count> list = new ArrayList<>();
        int total = 0;
        for (ChangeKind k : ChangeKind.values()) {
            int n = p == null ? 0 : p.counts().getOrDefault(k.wire(), 0);
            total += n;
            list.add(new Count(k.wire(), messages.get("change." + k.wire()), n));
        }
        counts.setAll(list);
        summary.set(p == null ? "" : total == 0 ? messages.get("preview.nothing") : messages.get("preview.total", total));
        creates.set(p != null && first ? messages.get("preview.firstEnable",
                messages.get("preview.m365", p.microsoft365Creates()),
                messages.get("preview.security", p.securityCreates())) : "");
        if (p != null && !p.problems().isEmpty()) {
            error.set(messages.get("preview.problems", p.problems().size(), String.join("; ", p.problems())));
        }
        applySearch();
    }

    private void applySearch() {
        String needle = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        shown.setPredicate(needle.isEmpty() ? null : r -> matches(r, needle));
        updateShownCount();
    }

    private boolean matches(PlanPreview.Row r, String needle) {
        for (String field : new String[] {r.group(), r.change(), messages.get("change." + r.change()), r.dn(),
            r.why()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private void updateShownCount() {
        shownCount.set(preview.get() == null ? "" : messages.get("preview.shown", shown.size(),
                Integer.toString(rows.size())));
    }

    /** Writes every change of the preview (not only the shown ones) as CSV into {@code file}, in the background. */
    public void exportCsv(Path file) {
        PlanPreview p = preview.get();
        if (p == null || file == null) {
            return;
        }
        runner.run(() -> {
            Files.writeString(file, p.toCsv(), StandardCharsets.UTF_8);
            return p.rows().size();
        }, n -> exported.set(messages.get("preview.exported", n, file.toString())),
                e -> error.set(messages.get("preview.exportFailed", file.toString(), e.getMessage())));
    }

    /** The preview, or null while none has arrived (or it failed). */
    public ObjectProperty<PlanPreview> previewProperty() {
        return preview;
    }

    /** The changes that match the search. */
    public ObservableList<PlanPreview.Row> shownRows() {
        return shown;
    }

    /** One count per change kind, in the engine's order. */
    public ObservableList<Count> counts() {
        return counts;
    }

    /** The search text: matches group, change, DN and reason, case-insensitively. */
    public StringProperty searchProperty() {
        return search;
    }

    /** On the first enable: how many Microsoft 365 and security groups will be created; empty otherwise. */
    public StringProperty createsProperty() {
        return creates;
    }

    /** "N changes" or "Nothing to change". */
    public StringProperty summaryProperty() {
        return summary;
    }

    /** "Showing n of N changes". */
    public StringProperty shownCountProperty() {
        return shownCount;
    }

    /** Why the preview failed, or the plan's problems. */
    public StringProperty errorProperty() {
        return error;
    }

    /** Where the CSV was saved. */
    public StringProperty exportedProperty() {
        return exported;
    }

    /** True while the engine computes the preview. */
    public BooleanProperty runningProperty() {
        return running;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
