package org.groupwriteback.wizard.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.graph.BulkWriteback;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;

/**
 * Group writeback settings: every cloud group with its writeback setting, searchable, with bulk "Write back",
 * "Don't write back" and "Type: ..." applied as PATCHes in the background with progress and a summary of what
 * failed; the tenant default for new Microsoft 365 groups, and before the first enable the offer to set the
 * existing Microsoft 365 groups to "Don't write back".
 */
public final class GroupSettingsViewModel implements PageModel {
    private final WizardState state;
    private final GroupSettingsService service;
    private final TaskExecutor runner;
    private final Messages m;
    private final ObservableList<GroupRow> rows = FXCollections.observableArrayList();
    private final FilteredList<GroupRow> searched = new FilteredList<>(rows, r -> true);
    private final Map<String, Integer> index = new HashMap<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final ObservableList<String> failures = FXCollections.observableArrayList();
    private final StringProperty loadError = new SimpleStringProperty("");
    private final ObjectProperty<Boolean> unifiedDefault = new SimpleObjectProperty<>();
    private final StringProperty defaultError = new SimpleStringProperty("");
    private final IntegerProperty offerCount = new SimpleIntegerProperty();
    private final ReadOnlyStringWrapper offerText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private final AtomicBoolean cancel = new AtomicBoolean();
    private boolean loaded;

    public GroupSettingsViewModel(WizardState state, GroupSettingsService service, TaskExecutor runner,
            Messages messages) {
        this.state = state;
        this.service = service;
        this.runner = runner;
        this.m = messages;
        search.addListener((o, a, b) -> searched.setPredicate(matcher(b)));
        offerText.bind(Bindings.createStringBinding(() -> offerCount.get() == 0 ? ""
                : m.get("settings.offer", offerCount.get()), offerCount));
        blockingReason.bind(Bindings.createStringBinding(() -> busy.get() ? m.get("settings.busy") : "", busy));
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }

    @Override
    public void enter() {
        if (!loaded) {
            reload();
        }
    }

    /** Reads all groups and the tenant default again, off the FX thread; the table is filled in one go. */
    public void reload() {
        loaded = true;
        loading.set(true);
        loadError.set("");
        runner.run(() -> service.load(state.toConfiguration()), listing -> {
            index.clear();
            for (int i = 0; i < listing.rows().size(); i++) {
                index.put(listing.rows().get(i).id(), i);
            }
            rows.setAll(listing.rows());
            unifiedDefault.set(listing.unifiedDefault());
            loading.set(false);
            refreshOffer();
        }, e -> {
            loading.set(false);
            loadError.set(m.get("settings.loadFailed", e.getMessage()));
        });
    }

    static Predicate<GroupRow> matcher(String text) {
        if (text == null || text.isBlank()) {
            return r -> true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return r -> contains(r.name(), needle) || contains(r.id(), needle) || contains(r.dn(), needle)
                || contains(r.lastError(), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    // ---------------------------------------------------------------- bulk actions

    /** "Write back": {@code isEnabled = true} for the selected groups that can be written back. */
    public void writeBack(List<GroupRow> selected) {
        bulk(selected, r -> new WritebackConfiguration(true, r.writeback().onPremisesGroupType()), null);
    }

    /** "Don't write back": {@code isEnabled = false}. */
    public void dontWriteBack(List<GroupRow> selected) {
        bulk(selected, r -> new WritebackConfiguration(false, r.writeback().onPremisesGroupType()), null);
    }

    /** "Type: ...": sets {@code onPremisesGroupType} where the group's kind allows {@code type}. */
    public void setType(List<GroupRow> selected, GroupType type) {
        bulk(selected, r -> new WritebackConfiguration(r.writeback().isEnabled(), type.graphName()), type);
    }

    /** The types every selected group may get (the "Type: ..." choices); empty for no or mixed-in other groups. */
    public static List<GroupType> typesFor(List<GroupRow> selected) {
        if (selected.isEmpty()) {
            return List.of();
        }
        Set<GroupType> common = new LinkedHashSet<>(selected.get(0).kind().allowedTypes());
        for (GroupRow r : selected) {
            common.retainAll(r.kind().allowedTypes());
        }
        return List.copyOf(common);
    }

    /** The offer: every Microsoft 365 group that would be written back is set to "Don't write back". */
    public void applyOffer() {
        List<GroupRow> wouldWriteBack = rows.stream()
                .filter(r -> r.kind() == GroupRow.Kind.MICROSOFT_365 && r.enabledBySetting()).toList();
        dontWriteBack(wouldWriteBack);
    }

    /** Stops a running bulk change before its next group. */
    public void cancel() {
        cancel.set(true);
    }

    private void bulk(List<GroupRow> selected, java.util.function.Function<GroupRow, WritebackConfiguration> wanted,
            GroupType type) {
        if (busy.get()) {
            return;
        }
        List<BulkWriteback.Change> changes = new ArrayList<>();
        int skipped = 0;
        for (GroupRow r : selected) {
            boolean allowed = type == null ? r.kind() != GroupRow.Kind.OTHER : r.kind().allowedTypes().contains(type);
            WritebackConfiguration target = wanted.apply(r);
            if (!allowed) {
                skipped++;
            } else if (!target.equals(r.writeback())) {
                changes.add(new BulkWriteback.Change(r.id(), r.name(), target));
            }
        }
        failures.clear();
        String skippedNote = skipped == 0 ? "" : " " + m.get("settings.skipped", skipped);
        if (changes.isEmpty()) {
            summary.set(m.get("settings.nothingToChange") + skippedNote);
            return;
        }
        cancel.set(false);
        busy.set(true);
        progress.set(0);
        progressText.set(m.get("settings.progress", 0, changes.size()));
        summary.set("");
        ConcurrentLinkedQueue<BulkWriteback.Change> accepted = new ConcurrentLinkedQueue<>();
        AtomicBoolean flushPending = new AtomicBoolean();
        runner.run(() -> service.apply(state.toConfiguration(), changes, (done, total, change, failure) -> {
            if (failure == null) {
                accepted.add(change);
            }
            // Coalesce: at most one pending UI update, however fast the PATCHes come back.
            if (flushPending.compareAndSet(false, true) || done == total) {
                runner.onUi(() -> {
                    flushPending.set(false);
                    flush(accepted);
                    progress.set((double) done / total);
                    progressText.set(m.get("settings.progress", done, total));
                });
            }
        }, cancel::get), result -> {
            flush(accepted);
            busy.set(false);
            progress.set(1);
            finish(result, skippedNote);
        }, e -> {
            flush(accepted);
            busy.set(false);
            summary.set(m.get("settings.failed", e.getMessage()));
        });
    }

    private void flush(ConcurrentLinkedQueue<BulkWriteback.Change> accepted) {
        for (BulkWriteback.Change c; (c = accepted.poll()) != null; ) {
            Integer i = index.get(c.groupId());
            if (i != null) {
                rows.set(i, rows.get(i).with(c.configuration()));
            }
        }
        refreshOffer();
    }

    private void finish(BulkWriteback.Result result, String skippedNote) {
        for (BulkWriteback.Failure f : result.failures()) {
            failures.add(f.change().displayName() + ": " + f.message());
        }
        String key = result.cancelled() ? "settings.cancelled" : result.failures().isEmpty() ? "settings.done"
                : "settings.doneWithFailures";
        summary.set(m.get(key, result.applied().size(), result.failures().size()) + skippedNote);
        progressText.set("");
    }

    private void refreshOffer() {
        if (state.writebackWasEnabled()) {
            offerCount.set(0);
            return;
        }
        offerCount.set((int) rows.stream()
                .filter(r -> r.kind() == GroupRow.Kind.MICROSOFT_365 && r.enabledBySetting()).count());
    }

    // ---------------------------------------------------------------- tenant default

    /** Sets the tenant's default for new Microsoft 365 groups; on failure the shown value stays as it was. */
    public void setUnifiedDefault(boolean value) {
        Boolean before = unifiedDefault.get();
        if (before != null && before == value) {
            return;
        }
        defaultError.set("");
        runner.run(() -> {
            service.setUnifiedDefault(state.toConfiguration(), value);
            return value;
        }, unifiedDefault::set, e -> {
            unifiedDefault.set(null);
            unifiedDefault.set(before);
            defaultError.set(m.get("settings.defaultFailed", e.getMessage()));
        });
    }

    // ---------------------------------------------------------------- properties

    /** All loaded groups (the table's source). */
    public ObservableList<GroupRow> rows() {
        return rows;
    }

    /** The groups matching the search text. */
    public ObservableList<GroupRow> searched() {
        return searched;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** One line per group Graph refused in the last bulk change: its name and Graph's reason. */
    public ObservableList<String> failures() {
        return failures;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    /** The tenant's NewUnifiedGroupWritebackDefault; null until loaded. */
    public ObjectProperty<Boolean> unifiedDefaultProperty() {
        return unifiedDefault;
    }

    public StringProperty defaultErrorProperty() {
        return defaultError;
    }

    /** How many Microsoft 365 groups the offer would set to "Don't write back" (0 = no offer). */
    public IntegerProperty offerCountProperty() {
        return offerCount;
    }

    public ReadOnlyStringProperty offerTextProperty() {
        return offerText.getReadOnlyProperty();
    }
}
