package org.groupwriteback.wizard.ready;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;
import org.groupwriteback.wizard.preview.PreviewView;

/**
 * Ready to configure: the first-enable creates (prominent), staging mode, the settings that change and the
 * preview of the next synchronization in two tabs, the validator's objections and the start-sync check box.
 */
public final class ReadyView {
    private final VBox root = new VBox(10);
    private final GridPane grid = new GridPane();
    private final ReadyViewModel vm;
    private final Messages m;

    public ReadyView(ReadyViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        root.getStyleClass().add("page");
        grid.setId("changes");
        grid.getStyleClass().add("changes");
        grid.setHgap(14);
        grid.setVgap(6);
        vm.changes().addListener((ListChangeListener<ConfigurationSummary.Row>) c -> fillGrid());
        fillGrid();
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        ListView<String> errors = ViewSupport.messageList(vm.errors());
        errors.setId("readyErrors");
        errors.getStyleClass().add("errors");
        errors.setPrefHeight(80);
        errors.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.errors()));
        errors.managedProperty().bind(errors.visibleProperty());

        CheckBox start = new CheckBox(m.get("ready.startSync"));
        start.setId("startSync");
        start.setMnemonicParsing(true);
        start.selectedProperty().bindBidirectional(vm.startSyncProperty());

        Label creates = new Label();
        creates.setId("readyCreates");
        creates.getStyleClass().add("creates");
        creates.setWrapText(true);
        creates.setMinHeight(Region.USE_PREF_SIZE);
        creates.setMaxWidth(Double.MAX_VALUE);
        creates.textProperty().bind(vm.preview().createsProperty());
        creates.visibleProperty().bind(creates.textProperty().isNotEmpty());
        creates.managedProperty().bind(creates.visibleProperty());
        Label staging = ViewSupport.status(vm.stagingNoteProperty(), "info");
        staging.setId("stagingNote");

        Tab settings = new Tab(m.get("ready.tab.settings"), scroll);
        settings.setId("tabSettings");
        Tab preview = new Tab(m.get("ready.tab.preview"), new PreviewView(vm.preview(), m, false).root());
        preview.setId("tabPreview");
        TabPane tabs = new TabPane(settings, preview);
        tabs.setId("readyTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        preview.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.preview().runningProperty().get() ? m.get("ready.tab.previewRunning")
                        : vm.preview().summaryProperty().get().isEmpty() ? m.get("ready.tab.preview")
                        : m.get("ready.tab.preview") + " (" + vm.preview().summaryProperty().get() + ")",
                vm.preview().summaryProperty(), vm.preview().runningProperty()));
        // Leaving staging mode: the pending plan is shown once more before the first export.
        vm.stagingNoteProperty().addListener((o, a, text) -> {
            if (text != null && text.equals(m.get("ready.staging.leaving"))) {
                tabs.getSelectionModel().select(preview);
            }
        });
        ListView<String> created = ViewSupport.messageList(vm.engineIdentityActions());
        created.setId("readyIdentity");
        created.setPrefHeight(96);
        created.setMinHeight(96);
        Label undo = ViewSupport.status(javafx.beans.binding.Bindings.createStringBinding(vm::engineIdentityUndo,
                vm.engineIdentityActions()), "info");
        VBox identity = new VBox(4, ViewSupport.heading(m.get("ready.identity")), created, undo);
        identity.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.engineIdentityActions()));
        identity.managedProperty().bind(identity.visibleProperty());
        root.getChildren().addAll(ViewSupport.text(m.get("ready.intro")), creates, staging, identity, tabs, errors,
                ViewSupport.status(vm.noteProperty(), "warn"), start);
    }

    private void fillGrid() {
        grid.getChildren().clear();
        boolean compare = vm.changes().stream().anyMatch(r -> r.before() != null);
        grid.getColumnConstraints().clear();
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        for (int i = 0; i < (compare ? 2 : 1); i++) {
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            values.setPercentWidth(compare ? 36 : -1);
            grid.getColumnConstraints().add(values);
        }
        grid.add(header(m.get("ready.col.setting")), 0, 0);
        if (compare) {
            grid.add(header(m.get("ready.col.current")), 1, 0);
            grid.add(header(m.get("ready.col.new")), 2, 0);
        } else {
            grid.add(header(m.get("ready.col.value")), 1, 0);
        }
        int row = 1;
        for (ConfigurationSummary.Row r : vm.changes()) {
            Label label = new Label(r.label());
            label.getStyleClass().add("setting");
            grid.add(label, 0, row);
            if (compare) {
                grid.add(value(r.before()), 1, row);
                Label after = value(r.after());
                after.getStyleClass().add("changed");
                grid.add(after, 2, row);
            } else {
                grid.add(value(r.after()), 1, row);
            }
            row++;
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("column-header");
        return l;
    }

    private static Label value(String text) {
        Label l = new Label(text == null ? "-" : text);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    public Node root() {
        return root;
    }
}
