package org.groupwriteback.wizard.settings;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.table.TableFilter;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/**
 * Group writeback settings: the tenant default, the roll-out offer, the search box, the bulk actions, the
 * groups table (filterable per column with ControlsFX's TableFilter), the progress of a bulk change and its
 * summary.
 */
public final class GroupSettingsView {
    private final VBox root = new VBox(8);
    private final GroupSettingsViewModel vm;
    private final Messages m;
    private final TableView<GroupRow> table = new TableView<>();
    private TableFilter<GroupRow> tableFilter;
    private boolean syncingDefault;

    public GroupSettingsView(GroupSettingsViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        root.getStyleClass().add("page");
        Node groups = table();
        root.getChildren().addAll(tenantDefault(), offer(), toolbar(), groups, progress(), summary());
    }

    private Node tenantDefault() {
        CheckBox box = new CheckBox(m.get("settings.default"));
        box.setId("unifiedDefault");
        box.setWrapText(true);
        box.setMinHeight(Region.USE_PREF_SIZE);
        box.setMaxWidth(Double.MAX_VALUE);
        box.disableProperty().bind(vm.unifiedDefaultProperty().isNull());
        vm.unifiedDefaultProperty().addListener((o, a, b) -> {
            syncingDefault = true;
            box.setSelected(Boolean.TRUE.equals(b));
            syncingDefault = false;
        });
        box.selectedProperty().addListener((o, a, b) -> {
            if (!syncingDefault) {
                vm.setUnifiedDefault(b);
            }
        });
        Label error = ViewSupport.status(vm.defaultErrorProperty(), "error");
        error.setId("defaultError");
        return new VBox(2, box, error);
    }

    private Node offer() {
        Label text = new Label();
        text.textProperty().bind(vm.offerTextProperty());
        text.setWrapText(true);
        text.getStyleClass().add("warn");
        Button apply = new Button();
        apply.textProperty().bind(Bindings.createStringBinding(
                () -> m.get("settings.offer.button", vm.offerCountProperty().get()), vm.offerCountProperty()));
        apply.setId("applyOffer");
        apply.disableProperty().bind(vm.busyProperty());
        apply.setOnAction(e -> vm.applyOffer());
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, text, apply);
        box.setId("offer");
        box.visibleProperty().bind(vm.offerCountProperty().greaterThan(0));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node toolbar() {
        CustomTextField search = (CustomTextField) TextFields.createClearableTextField();
        search.setId("search");
        search.setPromptText(m.get("settings.search"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setPrefColumnCount(12);
        HBox.setHgrow(search, Priority.ALWAYS);

        Button writeBack = new Button(m.get("settings.writeBack"));
        writeBack.setId("writeBack");
        writeBack.setOnAction(e -> vm.writeBack(selection()));
        Button dontWriteBack = new Button(m.get("settings.dontWriteBack"));
        dontWriteBack.setId("dontWriteBack");
        dontWriteBack.setOnAction(e -> vm.dontWriteBack(selection()));
        MenuButton type = new MenuButton(m.get("settings.type"));
        type.setId("type");
        type.setOnShowing(e -> {
            type.getItems().clear();
            for (GroupType t : GroupSettingsViewModel.typesFor(selection())) {
                MenuItem item = new MenuItem(typeName(t));
                item.setId("type-" + t.graphName());
                item.setOnAction(a -> vm.setType(selection(), t));
                type.getItems().add(item);
            }
        });
        var nothingSelected = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        for (var b : List.of(writeBack, dontWriteBack, type)) {
            b.disableProperty().bind(nothingSelected.or(vm.busyProperty()));
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label count = new Label();
        count.setId("count");
        var shown = Bindings.size(table.getItems());
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.loadingProperty().get()
                ? m.get("settings.loading") : m.get("settings.count", shown.get(), vm.rows().size()),
                vm.loadingProperty(), vm.rows(), shown));
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, search, writeBack, dontWriteBack, type, count);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    private Node table() {
        table.setId("groups");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(ViewSupport.status(vm.loadErrorProperty(), "error"));
        table.getColumns().add(column("name", m.get("settings.col.name"), 170, GroupRow::name));
        table.getColumns().add(column("kind", m.get("settings.col.kind"), 95, r -> kindName(r.kind())));
        TableColumn<GroupRow, Integer> members = new TableColumn<>(m.get("settings.col.members"));
        members.setId("col-members");
        members.setPrefWidth(75);
        members.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().members()));
        table.getColumns().add(members);
        table.getColumns().add(column("enabled", m.get("settings.col.enabled"), 100, this::enabledText));
        table.getColumns().add(column("targetType", m.get("settings.col.type"), 130,
                r -> r.kind() == GroupRow.Kind.OTHER ? "" : typeName(r.effectiveType())));
        table.getColumns().add(column("writtenBack", m.get("settings.col.writtenBack"), 230,
                r -> r.dn() != null ? r.dn() : r.writtenBack() && r.enabledBySetting() ? m.get("settings.nextCycle")
                        : m.get("settings.no")));
        table.getColumns().add(column("error", m.get("settings.col.error"), 220,
                r -> r.lastError() == null ? "" : r.lastError()));
        table.setItems(vm.searched());
        // Lazy: a column's distinct values are collected when its filter is first opened, not for all columns of
        // 10,000 groups up front.
        tableFilter = TableFilter.forTableView(table).lazy(true).apply();
        VBox.setVgrow(table, Priority.ALWAYS);
        return table;
    }

    private static TableColumn<GroupRow, String> column(String id, String title, double width,
            Function<GroupRow, String> value) {
        TableColumn<GroupRow, String> c = new TableColumn<>(title);
        c.setId("col-" + id);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private Node progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(260);
        Label text = new Label();
        text.setId("progressText");
        text.textProperty().bind(vm.progressTextProperty());
        Button cancel = new Button(m.get("settings.cancel"));
        cancel.setId("cancelBulk");
        cancel.setOnAction(e -> vm.cancel());
        HBox box = new HBox(8, bar, text, cancel);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.visibleProperty().bind(vm.busyProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node summary() {
        Label summary = ViewSupport.status(vm.summaryProperty(), "info");
        summary.setId("summary");
        ListView<String> failures = new ListView<>(vm.failures());
        failures.setId("failures");
        failures.setPrefHeight(80);
        failures.visibleProperty().bind(Bindings.isNotEmpty(vm.failures()));
        failures.managedProperty().bind(failures.visibleProperty());
        return new VBox(4, summary, failures);
    }

    private List<GroupRow> selection() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private String enabledText(GroupRow r) {
        Boolean e = r.writeback().isEnabled();
        if (r.kind() == GroupRow.Kind.OTHER) {
            return m.get("settings.notSupported");
        }
        return e == null ? m.get("settings.default." + (r.enabledBySetting() ? "yes" : "no"))
                : m.get(e ? "settings.yes" : "settings.no");
    }

    private String kindName(GroupRow.Kind kind) {
        return m.get("settings.kind." + kind.name());
    }

    private String typeName(GroupType t) {
        return m.get("settings.type." + t.graphName());
    }

    /** The per-column filter of the groups table. */
    TableFilter<GroupRow> tableFilter() {
        return tableFilter;
    }

    /** The page content. */
    public Node root() {
        return root;
    }
}
