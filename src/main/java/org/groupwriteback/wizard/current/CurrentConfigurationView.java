package org.groupwriteback.wizard.current;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/** View current configuration: a read-only list of settings. */
public final class CurrentConfigurationView {
    private final VBox root = new VBox(10);

    public CurrentConfigurationView(CurrentConfigurationViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        GridPane grid = ViewSupport.form();
        grid.setId("currentConfiguration");
        int row = 0;
        for (ConfigurationSummary.Row r : vm.rows()) {
            Label label = new Label(r.label());
            label.getStyleClass().add("setting");
            Label value = new Label(r.after() == null ? "-" : r.after());
            value.setWrapText(true);
            value.setMinHeight(Label.USE_PREF_SIZE);
            grid.add(label, 0, row);
            grid.add(value, 1, row++);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("plain");
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root.getChildren().addAll(ViewSupport.text(m.get("current.intro")), scroll);
    }

    public Node root() {
        return root;
    }
}
