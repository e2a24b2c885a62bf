package org.groupwriteback.wizard.welcome;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;
import org.groupwriteback.wizard.WizardTask;

/** The Welcome page: introduction and prerequisites on a first run, the task list otherwise. */
public final class WelcomeView {
    private final VBox root = new VBox(10);

    public WelcomeView(WelcomeViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        if (vm.firstRun()) {
            root.getChildren().addAll(ViewSupport.text(m.get("welcome.intro")),
                    ViewSupport.heading(m.get("welcome.prereq")),
                    bullet(m.get("welcome.prereq.app")), bullet(m.get("welcome.prereq.account")),
                    bullet(m.get("welcome.prereq.ou")), bullet(m.get("welcome.prereq.tls")),
                    ViewSupport.text(m.get("welcome.next")));
            return;
        }
        root.getChildren().add(ViewSupport.text(m.get("welcome.tasks.intro")));
        ToggleGroup group = new ToggleGroup();
        for (WizardTask task : vm.tasks()) {
            RadioButton b = new RadioButton(m.get("task." + task.name()));
            b.setId("task-" + task.name());
            b.setMnemonicParsing(true);
            b.setToggleGroup(group);
            b.setUserData(task);
            b.setSelected(task == vm.selectedTaskProperty().get());
            Label d = ViewSupport.text(m.get("task." + task.name() + ".description"));
            d.getStyleClass().add("hint");
            VBox box = new VBox(2, b, d);
            box.getStyleClass().add("task");
            root.getChildren().add(box);
        }
        group.selectedToggleProperty().addListener((o, a, t) ->
                vm.selectedTaskProperty().set(t == null ? null : (WizardTask) t.getUserData()));
    }

    private static Node bullet(String text) {
        Label l = ViewSupport.text("\u2022  " + text);
        l.getStyleClass().add("bullet");
        return l;
    }

    public Node root() {
        return root;
    }
}
