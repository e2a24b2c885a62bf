package org.groupwriteback.wizard.features;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/**
 * Optional features: the Group writeback check box and, over the page, the modal deletion warning with
 * Yes / No and the "keep the groups" alternative.
 */
public final class OptionalFeaturesView {
    private final StackPane root = new StackPane();

    public OptionalFeaturesView(OptionalFeaturesViewModel vm, Messages m) {
        CheckBox writeback = new CheckBox(m.get("features.writeback"));
        writeback.setId("writebackCheck");
        writeback.setMnemonicParsing(true);
        writeback.setSelected(vm.writebackCheckedProperty().get());
        vm.writebackCheckedProperty().addListener((o, a, b) -> writeback.setSelected(b));
        writeback.setOnAction(e -> vm.setWritebackRequested(writeback.isSelected()));
        Label description = ViewSupport.text(m.get("features.writeback.description"));
        description.getStyleClass().add("hint");
        VBox feature = new VBox(4, writeback, description);
        feature.getStyleClass().add("task");
        CheckBox staging = new CheckBox(m.get("features.staging"));
        staging.setId("stagingCheck");
        staging.setMnemonicParsing(true);
        staging.selectedProperty().bindBidirectional(vm.stagingModeProperty());
        Label stagingDescription = ViewSupport.text(m.get("features.staging.description"));
        stagingDescription.getStyleClass().add("hint");
        VBox stagingFeature = new VBox(4, staging, stagingDescription);
        stagingFeature.getStyleClass().add("task");
        VBox page = new VBox(12, ViewSupport.text(m.get("features.intro")), feature, stagingFeature,
                ViewSupport.status(vm.noteProperty(), "warn"), ViewSupport.status(vm.errorProperty(), "error"));
        page.getStyleClass().add("page");
        page.disableProperty().bind(vm.warningProperty().isNotNull());

        root.getChildren().addAll(page, warning(vm, m));
        StackPane.setAlignment(page, Pos.TOP_LEFT);
    }

    private static Node warning(OptionalFeaturesViewModel vm, Messages m) {
        Label title = new Label(m.get("warning.title"));
        title.getStyleClass().add("dialog-title");
        Label text = ViewSupport.text(m.get("warning.text"));
        text.setId("warningText");
        Label count = new Label();
        count.setId("warningCount");
        count.setWrapText(true);
        count.getStyleClass().add("section");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.warningProperty().get() == null ? ""
                : m.get("warning.count", vm.warningProperty().get().count()), vm.warningProperty()));
        Label names = new Label();
        names.setId("warningNames");
        names.setWrapText(true);
        names.setMinHeight(Label.USE_PREF_SIZE);
        names.textProperty().bind(Bindings.createStringBinding(() -> {
            var w = vm.warningProperty().get();
            if (w == null) {
                return "";
            }
            String first = String.join(", ", w.firstNames());
            int more = w.count() - w.firstNames().size();
            return more > 0 ? m.get("warning.names.more", first, more) : first;
        }, vm.warningProperty()));
        Hyperlink showAll = new Hyperlink(m.get("warning.showAll"));
        showAll.setId("warningShowAll");
        showAll.setMnemonicParsing(true);
        showAll.setOnAction(e -> vm.showAllProperty().set(true));
        showAll.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.warningProperty().get() != null
                && vm.warningProperty().get().count() > OptionalFeaturesViewModel.NAMES_SHOWN
                && !vm.showAllProperty().get(), vm.warningProperty(), vm.showAllProperty()));
        showAll.managedProperty().bind(showAll.visibleProperty());
        ListView<String> all = new ListView<>();
        all.setId("warningAll");
        all.setPrefHeight(120);
        vm.warningProperty().addListener((o, a, w) -> all.getItems().setAll(w == null ? java.util.List.of() : w.names()));
        all.visibleProperty().bind(vm.showAllProperty());
        all.managedProperty().bind(all.visibleProperty());

        Button yes = new Button(m.get("warning.yes"));
        yes.setId("warningYes");
        yes.setOnAction(e -> vm.confirmDelete());
        Button no = new Button(m.get("warning.no"));
        no.setId("warningNo");
        no.setCancelButton(true);
        no.setOnAction(e -> vm.cancelDisable());
        Button keep = new Button(m.get("warning.keep"));
        keep.setId("warningKeep");
        keep.setOnAction(e -> vm.keepGroups());
        Region spacer = new Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox buttons = new HBox(8, keep, spacer, yes, no);
        Label keepHint = ViewSupport.text(m.get("warning.keep.hint"));
        keepHint.getStyleClass().add("hint");

        VBox card = new VBox(10, title, text, count, names, showAll, all, keepHint, buttons);
        card.getStyleClass().add("dialog");
        card.setMaxWidth(560);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane veil = new StackPane(card);
        veil.setId("deletionWarning");
        veil.getStyleClass().add("veil");
        veil.visibleProperty().bind(vm.warningProperty().isNotNull());
        vm.warningProperty().addListener((o, a, w) -> {
            if (w != null) {
                no.requestFocus();
            }
        });
        return veil;
    }

    public Node root() {
        return root;
    }
}
