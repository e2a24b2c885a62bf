package org.groupwriteback.wizard.status;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;
import org.groupwriteback.wizard.approval.DeletionApprovalView;
import org.groupwriteback.wizard.WizardServices.RunSummary;

/** View synchronization status: the run history table and the export errors of the selected run. */
public final class SyncStatusView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final VBox root = new VBox(8);

    public SyncStatusView(SyncStatusViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        TableView<RunSummary> table = new TableView<>(vm.runs());
        table.setId("runs");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(m.get("status.none")));
        table.getColumns().add(column(m.get("status.col.started"), r -> TIME.format(r.started()), 130));
        table.getColumns().add(column(m.get("status.col.duration"), r -> r.ended() == null ? "-"
                : Duration.between(r.started(), r.ended()).toSeconds() + " s", 42));
        table.getColumns().add(column(m.get("status.col.status"), RunSummary::status, 132));
        table.getColumns().add(column(m.get("status.col.added"), r -> Integer.toString(r.added()), 48));
        table.getColumns().add(column(m.get("status.col.updated"), r -> Integer.toString(r.updated() + r.renamed()
                + r.moved()), 70));
        table.getColumns().add(column(m.get("status.col.members"), r -> "+" + r.membersAdded() + " / -"
                + r.membersRemoved(), 78));
        table.getColumns().add(column(m.get("status.col.deleted"), r -> Integer.toString(r.deleted()), 56));
        table.getColumns().add(column(m.get("status.col.errors"), r -> Integer.toString(r.exportErrors().size()), 48));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> vm.select(r));
        VBox.setVgrow(table, Priority.ALWAYS);

        ListView<String> errors = ViewSupport.messageList(vm.selectedErrors());
        errors.setId("exportErrors");
        errors.setPrefHeight(110);
        errors.setPlaceholder(new Label(m.get("status.noErrors")));

        Label running = new Label(m.get("status.running"));
        running.getStyleClass().addAll("status", "info");
        running.visibleProperty().bind(vm.cycleRunningProperty());
        running.managedProperty().bind(running.visibleProperty());
        Button refresh = new Button(m.get("status.refresh"));
        refresh.setOnAction(e -> vm.refresh());
        HBox top = new HBox(10, ViewSupport.text(m.get("status.intro")), refresh);
        HBox.setHgrow(top.getChildren().get(0), Priority.ALWAYS);
        Node approval = new DeletionApprovalView(vm.approval(), m).root();
        root.getChildren().addAll(top, running, ViewSupport.status(vm.errorProperty(), "error"), table, approval,
                ViewSupport.heading(m.get("status.errorsOfRun")), errors);
    }

    private static TableColumn<RunSummary, String> column(String title, Function<RunSummary, String> value,
            double width) {
        TableColumn<RunSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    public Node root() {
        return root;
    }
}
