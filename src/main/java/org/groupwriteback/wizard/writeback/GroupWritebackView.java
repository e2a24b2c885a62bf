package org.groupwriteback.wizard.writeback;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.OuNode;
import org.groupwriteback.wizard.ViewSupport;

/** Group writeback: target OU picker, naming option with its live example, member limit. */
public final class GroupWritebackView {
    private final VBox root = new VBox(8);
    private final GroupWritebackViewModel vm;
    private final Messages m;

    public GroupWritebackView(GroupWritebackViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        root.getStyleClass().add("page");
        TextField target = new TextField();
        target.setId("targetOu");
        target.setPromptText("OU=Cloud Groups,DC=fabrikam,DC=local");
        target.textProperty().bindBidirectional(vm.targetOuProperty());

        TreeView<Object> tree = new TreeView<>();
        tree.setId("targetTree");
        tree.setPrefHeight(150);
        tree.setMinHeight(110);
        if (vm.tree().rootProperty().get() != null) {
            tree.setRoot(item(vm.tree().rootProperty().get()));
        }
        vm.tree().rootProperty().addListener((o, a, n) -> tree.setRoot(n == null ? null : item(n)));
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item != null && item.getValue() instanceof OuNode node) {
                vm.targetOuProperty().set(node.dn());
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        vm.tree().revealedProperty().addListener((o, a, node) -> select(tree, node));
        select(tree, vm.tree().revealedProperty().get());

        Label targetError = ViewSupport.status(vm.targetErrorProperty(), "error");
        targetError.setId("targetError");
        Label moves = ViewSupport.status(vm.moveNoteProperty(), "warn");
        moves.setId("moveNote");
        Label mailRouting = ViewSupport.status(vm.mailRoutingNoteProperty(), "warn");
        mailRouting.setId("mailRoutingNote");

        CheckBox naming = new CheckBox(m.get("writeback.naming"));
        naming.setId("dnWithDisplayName");
        naming.setMnemonicParsing(true);
        naming.selectedProperty().bindBidirectional(vm.dnWithDisplayNameProperty());
        Label exampleTitle = new Label();
        exampleTitle.getStyleClass().add("hint");
        exampleTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.sampleGroupProperty().get() == null
                ? "" : m.get("writeback.example", vm.sampleGroupProperty().get().displayName()),
                vm.sampleGroupProperty()));
        Label example = new Label();
        example.setId("exampleDn");
        example.getStyleClass().add("mono");
        example.setWrapText(true);
        example.setMinHeight(Label.USE_PREF_SIZE);
        example.textProperty().bind(vm.exampleDnProperty());
        VBox exampleBox = new VBox(2, exampleTitle, example);
        exampleBox.getStyleClass().add("callout");
        exampleBox.visibleProperty().bind(vm.exampleDnProperty().isNotEmpty());
        exampleBox.managedProperty().bind(exampleBox.visibleProperty());

        TextField limit = new TextField();
        limit.setId("memberLimit");
        limit.setPrefColumnCount(8);
        limit.textProperty().bindBidirectional(vm.memberLimitTextProperty());
        Label limitHint = new Label(m.get("writeback.memberLimit.hint"));
        limitHint.getStyleClass().add("hint");
        HBox limitRow = new HBox(8, limit, limitHint);
        limitRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane form = ViewSupport.form();
        ViewSupport.row(form, 0, m.get("writeback.target"), target);
        GridPane limitForm = ViewSupport.form();
        ViewSupport.row(limitForm, 0, m.get("writeback.memberLimit"), limitRow);
        ((Label) limitForm.getChildren().get(0)).setLabelFor(limit);

        root.getChildren().addAll(ViewSupport.text(m.get("writeback.intro")), form, tree, targetError, moves, mailRouting,
                naming, exampleBox, limitForm);
    }

    private static void select(TreeView<Object> tree, OuNode node) {
        if (tree.getRoot() == null) {
            return;
        }
        TreeItem<Object> item = node == null ? null : find(tree.getRoot(), node);
        if (item == null) {
            tree.getSelectionModel().clearSelection();
            return;
        }
        for (TreeItem<Object> p = item.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        tree.getSelectionModel().select(item);
        tree.scrollTo(Math.max(0, tree.getRow(item) - 2));
    }

    private static TreeItem<Object> find(TreeItem<Object> from, OuNode node) {
        if (from.getValue() == node) {
            return from;
        }
        for (TreeItem<Object> child : from.getChildren()) {
            TreeItem<Object> hit = find(child, node);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private TreeItem<Object> item(OuNode node) {
        return ViewSupport.lazyOuItem(new TreeItem<>(node), node, vm.tree(), this::item, m.get("tree.loading"));
    }

    public Node root() {
        return root;
    }
}
