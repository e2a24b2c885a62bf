package org.groupwriteback.wizard.cloud;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/** Connect to Entra ID: authority, sign-in application, browser or device code sign-in, and the tenant reached. */
public final class ConnectCloudView {
    private final VBox root = new VBox(12);

    public ConnectCloudView(ConnectCloudViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        TextField authority = ViewSupport.textField("authority", m.get("cloud.authority.prompt"));
        authority.textProperty().bindBidirectional(vm.authorityProperty());
        TextField clientId = ViewSupport.textField("signInClientId", m.get("cloud.clientId.prompt"));
        clientId.textProperty().bindBidirectional(vm.clientIdProperty());
        authority.disableProperty().bind(vm.busyProperty());
        clientId.disableProperty().bind(vm.busyProperty());
        GridPane form = ViewSupport.form();
        ViewSupport.row(form, 0, m.get("cloud.authority"), authority);
        ViewSupport.row(form, 1, m.get("cloud.clientId"), clientId);

        Button signIn = new Button();
        signIn.setId("signIn");
        signIn.setMnemonicParsing(true);
        signIn.textProperty().bind(Bindings.when(vm.useDeviceCodeProperty())
                .then(m.get("cloud.signIn.deviceCode")).otherwise(m.get("cloud.signIn")));
        signIn.disableProperty().bind(vm.busyProperty().or(vm.authorityProperty().isEmpty())
                .or(vm.clientIdProperty().isEmpty()));
        signIn.setOnAction(e -> vm.signIn());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Button cancel = new Button(m.get("cloud.cancel"));
        cancel.setId("cancelSignIn");
        cancel.visibleProperty().bind(vm.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        HBox actions = new HBox(10, signIn, spinner, cancel);
        actions.setAlignment(Pos.CENTER_LEFT);

        Hyperlink deviceCode = new Hyperlink(m.get("cloud.useDeviceCode"));
        deviceCode.setId("useDeviceCode");
        deviceCode.visibleProperty().bind(vm.useDeviceCodeProperty().not());
        deviceCode.managedProperty().bind(deviceCode.visibleProperty());
        deviceCode.setOnAction(e -> vm.useDeviceCodeInstead());
        Hyperlink browser = new Hyperlink(m.get("cloud.useBrowser"));
        browser.setId("useBrowser");
        browser.visibleProperty().bind(vm.useDeviceCodeProperty().and(Bindings.createBooleanBinding(
                vm::browserAvailable)));
        browser.managedProperty().bind(browser.visibleProperty());
        browser.setOnAction(e -> vm.useBrowserInstead());

        Label noBrowser = ViewSupport.text(m.get("cloud.noBrowser"));
        noBrowser.setId("noBrowser");
        noBrowser.setVisible(!vm.browserAvailable());
        noBrowser.setManaged(!vm.browserAvailable());

        Label progress = ViewSupport.status(vm.progressProperty(), "info");
        progress.setId("signInProgress");

        TextField code = new TextField();
        code.setId("userCode");
        code.setEditable(false);
        code.getStyleClass().add("device-code");
        code.textProperty().bind(vm.userCodeProperty());
        code.setPrefColumnCount(12);
        Label url = new Label();
        url.setId("verificationUri");
        url.textProperty().bind(vm.verificationUriProperty());
        url.getStyleClass().add("mono");
        HBox codeRow = new HBox(10, code, url);
        codeRow.setAlignment(Pos.CENTER_LEFT);
        VBox deviceBox = new VBox(6, ViewSupport.text(m.get("cloud.deviceCode")), codeRow);
        deviceBox.getStyleClass().add("callout");
        deviceBox.visibleProperty().bind(vm.userCodeProperty().isNotEmpty());
        deviceBox.managedProperty().bind(deviceBox.visibleProperty());

        Label status = ViewSupport.status(vm.statusProperty(), "ok");
        status.setId("tenantStatus");
        Label error = ViewSupport.status(vm.errorProperty(), "error");
        error.setId("cloudError");
        root.getChildren().addAll(ViewSupport.text(m.get("cloud.intro")), form, noBrowser, actions,
                new HBox(16, deviceCode, browser), progress, deviceBox, status, error);
    }

    public Node root() {
        return root;
    }
}
