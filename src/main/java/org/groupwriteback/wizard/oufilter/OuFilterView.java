package org.groupwriteback.wizard.oufilter;

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
        return ViewSupport.lazyOuItem(item, node, vm.tree(), this::item, m.get("tree.loading"));
    }

    public Node root() {
        return root;
    }
}
