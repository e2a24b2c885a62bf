package org.groupwriteback.wizard.preview;

import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PlanPreview;
import org.groupwriteback.wizard.ViewSupport;

/**
 * The preview of the next synchronization: the first-enable creates (prominent), counts per change kind, a
 * search box, the list of changes and "Export as CSV".
 */
public final class PreviewView {
    private final VBox root = new VBox(8);
    private final FlowPane counts = new FlowPane(6, 6);
    private final PreviewViewModel vm;
    private final Messages m;

    /** The preview as a page of its own: an introduction and the first-enable creates line. */
    public PreviewView(PreviewViewModel vm, Messages m) {
        this(vm, m, true);
    }

    /** @param page false inside another page that shows the creates line itself (Ready, above its tabs) */
    public PreviewView(PreviewViewModel vm, Messages m, boolean page) {
        this.vm = vm;
        this.m = m;
        root.getStyleClass().add("preview");
        Label creates = new Label();
        creates.setId("previewCreates");
        creates.getStyleClass().add("creates");
        creates.setWrapText(true);
        creates.setMinHeight(Region.USE_PREF_SIZE);
        creates.textProperty().bind(vm.createsProperty());
        creates.visibleProperty().bind(vm.createsProperty().isNotEmpty().and(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> page)));
        creates.managedProperty().bind(creates.visibleProperty());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label working = new Label(m.get("preview.running"));
        working.visibleProperty().bind(vm.runningProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label total = new Label();
        total.setId("previewSummary");
        total.getStyleClass().add("section");
        total.textProperty().bind(vm.summaryProperty());
        counts.setId("previewCounts");
        vm.counts().addListener((ListChangeListener<PreviewViewModel.Count>) c -> fillCounts());
        fillCounts();
        HBox head = new HBox(8, busy, working, total);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        CustomTextField search = (CustomTextField) TextFields.createClearableTextField();
        search.setId("previewSearch");
        search.setPromptText(m.get("preview.search"));
        search.setLeft(new Label("\u2315"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        Label shown = new Label();
        shown.setId("previewShown");
        shown.getStyleClass().add("hint");
        shown.textProperty().bind(vm.shownCountProperty());
        Button refresh = new Button(m.get("preview.refresh"));
        refresh.setId("previewRefresh");
        refresh.disableProperty().bind(vm.runningProperty());
        refresh.setOnAction(e -> vm.refresh());
        Button export = new Button(m.get("preview.export"));
        export.setId("previewExport");
        export.setMnemonicParsing(true);
        export.disableProperty().bind(vm.previewProperty().isNull());
        export.setOnAction(e -> chooseAndExport());
        HBox tools = new HBox(8, search, shown, refresh, export);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        TableView<PlanPreview.Row> table = new TableView<>(vm.shownRows());
        table.setId("previewTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(m.get("preview.empty")));
        table.getColumns().add(column(m.get("preview.col.group"), PlanPreview.Row::group, 130));
        table.getColumns().add(column(m.get("preview.col.change"), r -> m.get("change." + r.change()), 108));
        table.getColumns().add(column(m.get("preview.col.dn"), PlanPreview.Row::dn, 200));
        table.getColumns().add(column(m.get("preview.col.members"), PreviewView::members, 72));
        table.getColumns().add(column(m.get("preview.col.why"), PlanPreview.Row::why, 130));
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setPrefHeight(200);

        if (page) {
            root.getStyleClass().add("page");
            root.getChildren().add(ViewSupport.text(m.get("preview.intro")));
        }
        root.getChildren().addAll(creates, head, counts, ViewSupport.status(vm.errorProperty(), "error"), tools,
                table, ViewSupport.status(vm.exportedProperty(), "ok"));
    }

    private void fillCounts() {
        counts.getChildren().clear();
        for (PreviewViewModel.Count c : vm.counts()) {
            Label l = new Label(c.count() + " " + c.label());
            l.setId("previewCount-" + c.kind());
            l.getStyleClass().add("count-chip");
            if (c.count() == 0) {
                l.getStyleClass().add("zero");
            }
            counts.getChildren().add(l);
        }
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(m.get("preview.export.title"));
        chooser.setInitialFileName("gwb-preview.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            vm.exportCsv(file.toPath());
        }
    }

    /** "+3", "-2", "+3 -2" or empty. */
    static String members(PlanPreview.Row r) {
        String added = r.membersAdded() == 0 ? "" : "+" + r.membersAdded();
        String removed = r.membersRemoved() == 0 ? "" : "-" + r.membersRemoved();
        return added.isEmpty() || removed.isEmpty() ? added + removed : added + " " + removed;
    }

    private static TableColumn<PlanPreview.Row, String> column(String title, Function<PlanPreview.Row, String> value,
            double width) {
        TableColumn<PlanPreview.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Long DNs and reasons are cut in the column: the tooltip shows them whole.
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    public Node root() {
        return root;
    }
}
