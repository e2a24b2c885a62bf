package org.groupwriteback.wizard.directory;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;

/** Connect your directories: connection fields, certificate confirmation and the test result. */
public final class ConnectDirectoryView {
    private final VBox root = new VBox(12);

    public ConnectDirectoryView(ConnectDirectoryViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        TextField url = new TextField();
        url.setId("ldapUrl");
        url.setPromptText("ldaps://dc1.fabrikam.local");
        url.textProperty().bindBidirectional(vm.ldapUrlProperty());
        TextField bind = new TextField();
        bind.setId("bindDn");
        bind.setPromptText("CN=svc-gwb,OU=Service Accounts,DC=fabrikam,DC=local");
        bind.textProperty().bindBidirectional(vm.bindDnProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(vm.passwordProperty());
        TextField ca = new TextField();
        ca.setId("caCertificate");
        ca.setPromptText(m.get("directory.ca.prompt"));
        ca.textProperty().bindBidirectional(vm.caCertificateProperty());
        Button browse = new Button(m.get("directory.browse"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PEM", "*.pem", "*.crt", "*.cer"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                vm.caCertificateProperty().set(f.getAbsolutePath());
            }
        });
        HBox caRow = new HBox(6, ca, browse);
        HBox.setHgrow(ca, Priority.ALWAYS);
        GridPane form = ViewSupport.form();
        ViewSupport.row(form, 0, m.get("directory.url"), url);
        ViewSupport.row(form, 1, m.get("directory.bindDn"), bind);
        ViewSupport.row(form, 2, m.get("directory.password"), password);
        ViewSupport.row(form, 3, m.get("directory.ca"), caRow);
        ((Label) form.getChildren().get(6)).setLabelFor(ca);

        Button test = new Button(m.get("directory.test"));
        test.setId("testConnection");
        test.disableProperty().bind(vm.busyProperty());
        test.setOnAction(e -> vm.testConnection());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.busyProperty());

        Label fingerprint = new Label();
        fingerprint.setWrapText(true);
        fingerprint.setMinHeight(Label.USE_PREF_SIZE);
        fingerprint.getStyleClass().add("mono");
        fingerprint.textProperty().bind(Bindings.createStringBinding(() -> {
            var c = vm.certificateProperty().get();
            return c == null ? "" : m.get("directory.certificate", c.subject(), c.issuer(), c.sha256Fingerprint());
        }, vm.certificateProperty()));
        Button trust = new Button(m.get("directory.trust"));
        trust.setId("trustCertificate");
        trust.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.certificateProperty().get() == null
                || !vm.certificateProperty().get().trusted() || vm.certificateAcceptedProperty().get(),
                vm.certificateProperty(), vm.certificateAcceptedProperty()));
        trust.setOnAction(e -> vm.acceptCertificate());
        VBox certBox = new VBox(6, ViewSupport.heading(m.get("directory.certificate.title")), fingerprint, trust);
        certBox.getStyleClass().add("callout");
        certBox.visibleProperty().bind(vm.certificateProperty().isNotNull());
        certBox.managedProperty().bind(certBox.visibleProperty());

        Label result = ViewSupport.status(vm.resultProperty(), "info");
        result.setId("directoryResult");
        // Green after a successful bind, blue while a certificate waits for confirmation, red otherwise.
        Runnable restyle = () -> {
            result.getStyleClass().removeAll("ok", "error", "info");
            result.getStyleClass().add(vm.successProperty().get() ? "ok"
                    : vm.certificateProperty().get() != null && !vm.certificateAcceptedProperty().get() ? "info"
                    : "error");
        };
        vm.resultProperty().addListener(o -> restyle.run());
        vm.successProperty().addListener(o -> restyle.run());
        root.getChildren().addAll(ViewSupport.text(m.get("directory.intro")), form, new HBox(10, test, spinner),
                certBox, result);
    }

    public Node root() {
        return root;
    }
}
