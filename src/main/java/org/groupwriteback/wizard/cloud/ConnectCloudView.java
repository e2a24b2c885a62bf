package org.groupwriteback.wizard.cloud;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/** Connect to Entra ID: authority, client id, device code sign-in and the tenant reached. */
public final class ConnectCloudView {
    private final VBox root = new VBox(12);

    public ConnectCloudView(ConnectCloudViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        TextField authority = field("authority", m.get("cloud.authority.prompt"));
        authority.textProperty().bindBidirectional(vm.authorityProperty());
        TextField clientId = field("clientId", m.get("cloud.clientId.prompt"));
        clientId.textProperty().bindBidirectional(vm.clientIdProperty());
        TextField secret = field("clientSecretFile", m.get("cloud.secret.prompt"));
        secret.textProperty().bindBidirectional(vm.clientSecretFileProperty());
        GridPane form = ViewSupport.form();
        ViewSupport.row(form, 0, m.get("cloud.authority"), authority);
        ViewSupport.row(form, 1, m.get("cloud.clientId"), clientId);
        ViewSupport.row(form, 2, m.get("cloud.secret"), secret);

        Button signIn = new Button(m.get("cloud.signIn"));
        signIn.setId("signIn");
        signIn.setDefaultButton(false);
        signIn.disableProperty().bind(vm.busyProperty().or(vm.authorityProperty().isEmpty())
                .or(vm.clientIdProperty().isEmpty()));
        signIn.setOnAction(e -> vm.signIn());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.busyProperty());

        TextField code = new TextField();
        code.setId("userCode");
        code.setEditable(false);
        code.getStyleClass().add("device-code");
        code.textProperty().bind(vm.userCodeProperty());
        code.setPrefColumnCount(12);
        Label url = new Label();
        url.textProperty().bind(vm.verificationUriProperty());
        url.getStyleClass().add("mono");
        HBox codeRow = new HBox(10, code, url);
        codeRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox deviceBox = new VBox(6, ViewSupport.text(m.get("cloud.deviceCode")), codeRow);
        deviceBox.getStyleClass().add("callout");
        deviceBox.visibleProperty().bind(vm.userCodeProperty().isNotEmpty().and(vm.statusProperty().isEmpty()));
        deviceBox.managedProperty().bind(deviceBox.visibleProperty());

        Label status = ViewSupport.status(vm.statusProperty(), "ok");
        status.setId("tenantStatus");
        Label error = ViewSupport.status(vm.errorProperty(), "error");
        error.setId("cloudError");
        root.getChildren().addAll(ViewSupport.text(m.get("cloud.intro")), form, new HBox(10, signIn, spinner),
                deviceBox, status, error);
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    public Node root() {
        return root;
    }
}
