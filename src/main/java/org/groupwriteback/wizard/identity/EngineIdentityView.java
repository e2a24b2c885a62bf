package org.groupwriteback.wizard.identity;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.ViewSupport;
import org.groupwriteback.wizard.WizardState.CredentialKind;
import org.groupwriteback.wizard.identity.EngineIdentityViewModel.Mode;

/** The engine's identity: create the app registration (default) or give an existing one and test it. */
public final class EngineIdentityView {
    private final VBox root = new VBox(10);

    public EngineIdentityView(EngineIdentityViewModel vm, Messages m) {
        root.getStyleClass().add("page");
        ToggleGroup modes = new ToggleGroup();
        RadioButton create = radio("createIdentity", m.get("identity.create"), modes);
        RadioButton existing = radio("existingIdentity", m.get("identity.existing"), modes);
        create.setSelected(vm.modeProperty().get() == Mode.CREATE);
        existing.setSelected(vm.modeProperty().get() == Mode.EXISTING);
        modes.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.modeProperty().set(b == create ? Mode.CREATE : Mode.EXISTING);
            }
        });
        create.disableProperty().bind(vm.busyProperty());
        existing.disableProperty().bind(vm.busyProperty());

        root.getChildren().addAll(ViewSupport.text(m.get("identity.intro")), create,
                indented(createPane(vm, m), vm, Mode.CREATE), existing,
                indented(existingPane(vm, m), vm, Mode.EXISTING));
        Label error = ViewSupport.status(vm.errorProperty(), "error");
        error.setId("identityError");
        root.getChildren().add(error);
    }

    private static VBox createPane(EngineIdentityViewModel vm, Messages m) {
        Label detail = ViewSupport.text("");
        detail.textProperty().bind(Bindings.createStringBinding(vm::createDetail, vm.manageWritebackProperty()));
        CheckBox manage = new CheckBox(m.get("identity.manageWriteback"));
        manage.setId("manageWriteback");
        manage.selectedProperty().bindBidirectional(vm.manageWritebackProperty());
        manage.disableProperty().bind(vm.busyProperty().or(vm.createdProperty().isNotNull()));
        Button go = new Button(m.get("identity.createButton"));
        go.setId("createApp");
        go.setMnemonicParsing(true);
        go.disableProperty().bind(vm.busyProperty().or(vm.createdProperty().isNotNull()));
        go.setOnAction(e -> vm.createIdentity());
        HBox actions = new HBox(10, go, spinner(vm));
        actions.setAlignment(Pos.CENTER_LEFT);
        Label countdown = ViewSupport.status(vm.countdownProperty(), "info");
        countdown.setId("identityCountdown");
        Label done = ViewSupport.status(Bindings.when(vm.createdProperty().isNotNull())
                .then(m.get("identity.created")).otherwise(""), "ok");
        done.setId("identityCreated");
        ListView<String> steps = ViewSupport.messageList(vm.steps());
        steps.setId("identitySteps");
        steps.setPrefHeight(170);
        // The newest step is the one the administrator waits on: keep it in view.
        vm.steps().addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (!vm.steps().isEmpty()) {
                steps.scrollTo(vm.steps().size() - 1);
            }
        });
        steps.visibleProperty().bind(Bindings.isNotEmpty(vm.steps()));
        steps.managedProperty().bind(steps.visibleProperty());
        Label undo = ViewSupport.status(vm.undoProperty(), "info");
        undo.setId("identityUndo");
        undo.getStyleClass().add("mono");
        return new VBox(8, detail, manage, actions, countdown, done, steps, undo);
    }

    private static VBox existingPane(EngineIdentityViewModel vm, Messages m) {
        TextField clientId = ViewSupport.textField("clientId", m.get("identity.clientId.prompt"));
        clientId.textProperty().bindBidirectional(vm.clientIdProperty());
        ToggleGroup kinds = new ToggleGroup();
        RadioButton certificate = radio("kindCertificate", m.get("identity.kind.certificate"), kinds);
        RadioButton secret = radio("kindSecret", m.get("identity.kind.secret"), kinds);
        certificate.setSelected(vm.credentialKindProperty().get() == CredentialKind.CERTIFICATE);
        secret.setSelected(vm.credentialKindProperty().get() == CredentialKind.SECRET);
        kinds.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.credentialKindProperty().set(b == certificate ? CredentialKind.CERTIFICATE : CredentialKind.SECRET);
            }
        });
        vm.credentialKindProperty().addListener((o, a, b) -> {
            (b == CredentialKind.CERTIFICATE ? certificate : secret).setSelected(true);
        });
        TextField certificateFile = ViewSupport.textField("certificateFile", m.get("identity.certificate.prompt"));
        certificateFile.textProperty().bindBidirectional(vm.certificateFileProperty());
        TextField passwordFile = ViewSupport.textField("certificatePasswordFile", m.get("identity.certificatePassword.prompt"));
        passwordFile.textProperty().bindBidirectional(vm.certificatePasswordFileProperty());
        TextField secretFile = ViewSupport.textField("clientSecretFile", m.get("identity.secret.prompt"));
        secretFile.textProperty().bindBidirectional(vm.secretFileProperty());

        GridPane form = form();
        ViewSupport.row(form, 0, m.get("identity.clientId"), clientId);
        HBox kindRow = new HBox(16, certificate, secret);
        form.add(kindRow, 1, 1);
        GridPane certificateForm = form();
        ViewSupport.row(certificateForm, 0, m.get("identity.certificate"), certificateFile);
        ViewSupport.row(certificateForm, 1, m.get("identity.certificatePassword"), passwordFile);
        GridPane secretForm = form();
        ViewSupport.row(secretForm, 0, m.get("identity.secret"), secretFile);
        var isCertificate = vm.credentialKindProperty().isEqualTo(CredentialKind.CERTIFICATE);
        certificateForm.visibleProperty().bind(isCertificate);
        secretForm.visibleProperty().bind(isCertificate.not());
        for (GridPane g : new GridPane[] {certificateForm, secretForm}) {
            g.managedProperty().bind(g.visibleProperty());
            g.disableProperty().bind(vm.busyProperty());
        }
        form.disableProperty().bind(vm.busyProperty());

        Button test = new Button(m.get("identity.test"));
        test.setId("testCredential");
        test.setMnemonicParsing(true);
        test.disableProperty().bind(vm.busyProperty());
        test.setOnAction(e -> vm.testCredential());
        HBox actions = new HBox(10, test, spinner(vm));
        actions.setAlignment(Pos.CENTER_LEFT);
        Label result = ViewSupport.status(vm.resultProperty(), "ok");
        result.setId("credentialResult");
        return new VBox(8, form, certificateForm, secretForm, actions, result);
    }

    /** A form whose label column has the same width in the three forms of the existing-app pane. */
    private static GridPane form() {
        GridPane g = ViewSupport.form();
        g.getColumnConstraints().get(0).setMinWidth(150);
        return g;
    }

    private static Node indented(VBox pane, EngineIdentityViewModel vm, Mode mode) {
        pane.setPadding(new Insets(0, 0, 0, 26));
        pane.visibleProperty().bind(vm.modeProperty().isEqualTo(mode));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static ProgressIndicator spinner(EngineIdentityViewModel vm) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(vm.busyProperty());
        return spinner;
    }

    private static RadioButton radio(String id, String text, ToggleGroup group) {
        RadioButton r = new RadioButton(text);
        r.setId(id);
        r.setMnemonicParsing(true);
        r.setToggleGroup(group);
        return r;
    }

    public Node root() {
        return root;
    }
}
