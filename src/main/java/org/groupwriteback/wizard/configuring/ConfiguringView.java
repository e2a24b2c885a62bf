package org.groupwriteback.wizard.configuring;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;
import org.groupwriteback.wizard.approval.DeletionApprovalView;
import org.groupwriteback.wizard.WizardServices.RunSummary;

/** Configuring / Configuration complete: progress, outcome, the first cycle's counts and any problems. */
public final class ConfiguringView {
    private static final javafx.css.PseudoClass FAILED = javafx.css.PseudoClass.getPseudoClass("failed");
    private final VBox root = new VBox(10);

    public ConfiguringView(ConfiguringViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        // The page title shows the headline ("Configuring" / "Configuration complete").
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        bar.pseudoClassStateChanged(FAILED, vm.phaseProperty().get() == ConfiguringViewModel.Phase.FAILED);
        vm.phaseProperty().addListener((o, a, p) -> bar.pseudoClassStateChanged(FAILED,
                p == ConfiguringViewModel.Phase.FAILED));
        Label detail = new Label();
        detail.setId("outcomeDetail");
        detail.setWrapText(true);
        detail.setMinHeight(Label.USE_PREF_SIZE);
        detail.textProperty().bind(vm.detailProperty());

        GridPane counts = ViewSupport.form();
        counts.setId("counts");
        String[] keys = {"added", "updated", "renamed", "moved", "membersAdded", "membersRemoved", "deleted",
            "exportErrors"};
        for (int i = 0; i < keys.length; i++) {
            int index = i;
            Label name = new Label(m.get("configuring.count." + keys[i]));
            Label value = new Label();
            value.setId("count-" + keys[i]);
            value.getStyleClass().add("count");
            value.textProperty().bind(Bindings.createStringBinding(() -> {
                RunSummary r = vm.firstRunProperty().get();
                return r == null ? "" : Integer.toString(count(r, index));
            }, vm.firstRunProperty()));
            counts.add(name, (i / 4) * 2, i % 4);
            counts.add(value, (i / 4) * 2 + 1, i % 4);
        }
        counts.getColumnConstraints().clear();
        counts.setHgap(16);
        VBox countsBox = new VBox(6, ViewSupport.heading(m.get("configuring.firstCycle")), counts);
        countsBox.visibleProperty().bind(vm.firstRunProperty().isNotNull());
        countsBox.managedProperty().bind(countsBox.visibleProperty());

        ListView<String> problems = ViewSupport.messageList(vm.problems());
        problems.setId("problems");
        problems.setPrefHeight(100);
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        Button retry = new Button(m.get("configuring.retry"));
        retry.setId("retry");
        retry.visibleProperty().bind(vm.phaseProperty().isEqualTo(ConfiguringViewModel.Phase.FAILED));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> vm.start());
        root.getChildren().addAll(bar, detail, countsBox, new DeletionApprovalView(vm.approval(), m).root(), problems,
                retry);
    }

    private static int count(RunSummary r, int index) {
        return switch (index) {
            case 0 -> r.added();
            case 1 -> r.updated();
            case 2 -> r.renamed();
            case 3 -> r.moved();
            case 4 -> r.membersAdded();
            case 5 -> r.membersRemoved();
            case 6 -> r.deleted();
            default -> r.exportErrors().size();
        };
    }

    public Node root() {
        return root;
    }
}
