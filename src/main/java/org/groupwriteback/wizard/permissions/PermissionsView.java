package org.groupwriteback.wizard.permissions;

import java.io.File;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/** Group writeback permissions: grant now, or the PowerShell script; Verify lists what is missing. */
public final class PermissionsView {
    private final VBox root = new VBox(10);

    public PermissionsView(PermissionsViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        ToggleGroup group = new ToggleGroup();
        RadioButton grantNow = new RadioButton(m.get("permissions.grantNow"));
        grantNow.setId("grantNow");
        grantNow.setToggleGroup(group);
        RadioButton powershell = new RadioButton(m.get("permissions.powershell"));
        powershell.setId("powershell");
        powershell.setToggleGroup(group);
        (vm.modeProperty().get() == PermissionsViewModel.Mode.POWERSHELL ? powershell : grantNow).setSelected(true);
        group.selectedToggleProperty().addListener((o, a, t) -> vm.modeProperty().set(
                t == powershell ? PermissionsViewModel.Mode.POWERSHELL : PermissionsViewModel.Mode.GRANT_NOW));

        TextField admin = new TextField();
        admin.setId("adminDn");
        admin.setPromptText("CN=Administrator,CN=Users,DC=fabrikam,DC=local");
        admin.textProperty().bindBidirectional(vm.adminDnProperty());
        PasswordField adminPassword = new PasswordField();
        adminPassword.setId("adminPassword");
        adminPassword.textProperty().bindBidirectional(vm.adminPasswordProperty());
        Button grant = new Button(m.get("permissions.grant"));
        grant.setId("grant");
        grant.disableProperty().bind(vm.busyProperty().or(vm.adminDnProperty().isEmpty())
                .or(vm.adminPasswordProperty().isEmpty()));
        grant.setOnAction(e -> vm.grant());
        GridPane form = ViewSupport.form();
        ViewSupport.row(form, 0, m.get("permissions.admin"), admin);
        ViewSupport.row(form, 1, m.get("permissions.adminPassword"), adminPassword);
        form.add(grant, 1, 2);
        Label adminHint = ViewSupport.text(m.get("permissions.adminHint"));
        adminHint.getStyleClass().add("hint");
        VBox grantBox = new VBox(6, form, adminHint);
        grantBox.getStyleClass().add("indent");
        grantBox.visibleProperty().bind(grantNow.selectedProperty());
        grantBox.managedProperty().bind(grantBox.visibleProperty());

        TextArea script = new TextArea();
        script.setId("script");
        script.setEditable(false);
        script.setPrefRowCount(6);
        script.getStyleClass().add("mono");
        script.textProperty().bind(vm.scriptProperty());
        Button save = new Button(m.get("permissions.saveScript"));
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName("Grant-GroupWritebackPermissions.ps1");
            File f = chooser.showSaveDialog(root.getScene().getWindow());
            if (f != null) {
                vm.saveScript(f.toPath());
            }
        });
        VBox scriptBox = new VBox(6, script, save);
        scriptBox.getStyleClass().add("indent");
        scriptBox.visibleProperty().bind(powershell.selectedProperty());
        scriptBox.managedProperty().bind(scriptBox.visibleProperty());

        Button verify = new Button(m.get("permissions.verify"));
        verify.setId("verify");
        verify.disableProperty().bind(vm.busyProperty());
        verify.setOnAction(e -> vm.verify());
        verify.setMinWidth(Button.USE_PREF_SIZE);
        Label result = ViewSupport.status(vm.resultProperty(), "info");
        result.setId("permissionsResult");
        Runnable restyle = () -> {
            result.getStyleClass().removeAll("ok", "info", "error");
            result.getStyleClass().add(vm.resultKindProperty().get().name().toLowerCase(java.util.Locale.ROOT));
        };
        restyle.run();
        vm.resultKindProperty().addListener(o -> restyle.run());
        ListView<String> missing = ViewSupport.messageList(vm.missing());
        missing.setId("missingRights");
        missing.setPrefHeight(90);
        missing.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.missing()));
        missing.managedProperty().bind(missing.visibleProperty());

        root.getChildren().addAll(ViewSupport.text(m.get("permissions.intro")), grantNow, grantBox, powershell,
                scriptBox, verify, result, missing);
    }

    public Node root() {
        return root;
    }
}
