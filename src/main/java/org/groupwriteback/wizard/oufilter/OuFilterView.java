package org.groupwriteback.wizard.oufilter;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.CheckBoxTreeItem;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.cell.CheckBoxTreeCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.OuNode;
import org.groupwriteback.wizard.ViewSupport;

/** Domain and OU filtering: a check box tree that loads each level when it is expanded. */
public final class OuFilterView {
    private final VBox root = new VBox(10);
    private final OuFilterViewModel vm;
    private final Messages m;

    public OuFilterView(OuFilterViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        root.getStyleClass().add("page");
        TreeView<Object> tree = new TreeView<>();
        tree.setId("ouTree");
        tree.setCellFactory(CheckBoxTreeCell.forTreeView());
        VBox.setVgrow(tree, Priority.ALWAYS);
        if (vm.tree().rootProperty().get() != null) {
            tree.setRoot(item(vm.tree().rootProperty().get()));
        }
        vm.tree().rootProperty().addListener((o, a, n) -> tree.setRoot(n == null ? null : item(n)));
        root.getChildren().addAll(ViewSupport.text(m.get("oufilter.intro")),
                ViewSupport.heading(m.get("oufilter.heading")), tree,
                ViewSupport.status(vm.tree().errorProperty(), "error"));
    }

    private TreeItem<Object> item(OuNode node) {
        CheckBoxTreeItem<Object> item = new CheckBoxTreeItem<>(node);
        item.setIndependent(true);
        item.setSelected(node.checkedProperty().get());
        item.setIndeterminate(node.indeterminateProperty().get());
        node.checkedProperty().addListener((o, a, b) -> item.setSelected(b));
        node.indeterminateProperty().addListener((o, a, b) -> item.setIndeterminate(b));
        item.selectedProperty().addListener((o, a, b) -> {
            if (b != node.checkedProperty().get()) {
                vm.setInScope(node.dn(), b);
            }
        });
        fill(item, node);
        node.children().addListener((ListChangeListener<OuNode>) c -> fill(item, node));
        item.expandedProperty().addListener((o, a, expanded) -> {
            if (expanded) {
                vm.expand(node);
            }
        });
        if (node.parent() == null) {
            item.setExpanded(true);
        }
        return item;
    }

    private void fill(TreeItem<Object> item, OuNode node) {
        if (!node.children().isEmpty()) {
            item.getChildren().setAll(node.children().stream().map(this::item).toList());
        } else if (node.hasChildren()) {
            // A placeholder makes the expand arrow appear before the level is loaded.
            item.getChildren().setAll(java.util.List.of(new TreeItem<>(m.get("tree.loading"))));
        } else {
            item.getChildren().clear();
        }
    }

    public Node root() {
        return root;
    }
}
