package org.groupwriteback.wizard.approval;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;
import org.groupwriteback.wizard.WizardServices.PendingDelete;

/** The deletes waiting at the deletion threshold (name, DN) and the button that approves exactly them. */
public final class DeletionApprovalView {
    private final VBox root = new VBox(6);

    public DeletionApprovalView(DeletionApprovalViewModel vm, Messages m) {
        root.setId("deletionApproval");
        Label headline = new Label();
        headline.setId("approvalHeadline");
        headline.setWrapText(true);
        headline.setMinHeight(Label.USE_PREF_SIZE);
        headline.getStyleClass().addAll("status", "warn");
        headline.setMaxWidth(Double.MAX_VALUE);
        headline.textProperty().bind(vm.headlineProperty());
        TableView<PendingDelete> table = new TableView<>(vm.deletes());
        table.setId("pendingDeletes");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(130);
        table.setMinHeight(110);
        TableColumn<PendingDelete, String> name = new TableColumn<>(m.get("approval.col.name"));
        name.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().name()));
        name.setPrefWidth(180);
        name.setMaxWidth(240);
        TableColumn<PendingDelete, String> dn = new TableColumn<>(m.get("approval.col.dn"));
        dn.setCellValueFactory(cd -> new ReadOnlyStringWrapper(cd.getValue().dn()));
        table.getColumns().add(name);
        table.getColumns().add(dn);
        Button approve = new Button();
        approve.setId("approveDeletes");
        approve.textProperty().bind(vm.approveTextProperty());
        approve.disableProperty().bind(vm.busyProperty());
        approve.setOnAction(e -> vm.approve());
        Label hint = ViewSupport.text(m.get("approval.hint"));
        hint.getStyleClass().add("hint");
        VBox waiting = new VBox(6, headline, table, hint, approve);
        waiting.visibleProperty().bind(vm.blockedProperty().isNotNull());
        waiting.managedProperty().bind(waiting.visibleProperty());
        root.getChildren().addAll(waiting, ViewSupport.status(vm.errorProperty(), "error"),
                ViewSupport.status(vm.outcomeProperty(), "ok"));
    }

    public Node root() {
        return root;
    }
}
