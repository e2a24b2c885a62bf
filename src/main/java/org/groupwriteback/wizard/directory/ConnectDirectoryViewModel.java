package org.groupwriteback.wizard.directory;

import java.nio.file.Path;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Connect your directories: LDAP(S) URL, bind account, password and CA certificate, with "Test connection".
 * A CA file that the installation did not trust before is only used after the admin has seen the server
 * certificate's SHA-256 fingerprint and accepted it.
 */
public final class ConnectDirectoryViewModel implements PageModel {
    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final ObjectProperty<WizardServices.ServerCertificate> certificate = new SimpleObjectProperty<>();
    private final BooleanProperty certificateAccepted = new SimpleBooleanProperty(false);
    private final StringProperty result = new SimpleStringProperty("");
    private final BooleanProperty success = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");

    public ConnectDirectoryViewModel(WizardState state, WizardServices services, TaskExecutor runner,
            Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        Observable[] inputs = {state.ldapUrlProperty(), state.bindDnProperty(), state.passwordProperty(),
                state.directoryCaCertificateProperty()};
        for (Observable input : inputs) {
            input.addListener(o -> forgetTest());
        }
        state.directoryCaCertificateProperty().addListener(o -> {
            certificate.set(null);
            certificateAccepted.set(false);
        });
        blockingReason.bind(Bindings.createStringBinding(this::reason, state.ldapUrlProperty(),
                state.bindDnProperty(), state.passwordProperty(), state.directoryInfoProperty(), busy,
                certificate, certificateAccepted, result));
    }

    private void forgetTest() {
        state.directoryInfoProperty().set(null);
        success.set(false);
        result.set("");
    }

    private String reason() {
        if (state.ldapUrlProperty().get().isBlank()) {
            return messages.get("directory.needUrl");
        }
        if (state.bindDnProperty().get().isBlank()) {
            return messages.get("directory.needBindDn");
        }
        if (state.passwordProperty().get().isEmpty()) {
            return messages.get("directory.needPassword");
        }
        if (busy.get()) {
            return messages.get("directory.testing");
        }
        if (certificate.get() != null && !certificateAccepted.get()) {
            return messages.get("directory.needTrust");
        }
        if (state.directoryInfoProperty().get() != null) {
            return "";
        }
        return result.get().isEmpty() ? messages.get("directory.needTest") : messages.get("directory.retest");
    }

    /** True when the CA file is new to this installation, so its fingerprint must be confirmed first. */
    public boolean caIsNew() {
        String ca = state.directoryCaCertificateProperty().get();
        if (ca == null || ca.isBlank()) {
            return false;
        }
        String before = state.current().map(c -> c.directory() == null ? null : c.directory().caCertificate())
                .orElse(null);
        return !Objects.equals(before, ca.trim());
    }

    /**
     * "Test connection": with a new CA file, first fetches the server certificate for the admin to confirm;
     * once confirmed (or with a known CA / plain LDAP), binds and reads the directory.
     */
    public void testConnection() {
        String url = state.ldapUrlProperty().get().trim();
        if (caIsNew() && !certificateAccepted.get()) {
            Path ca = Path.of(state.directoryCaCertificateProperty().get().trim());
            busy.set(true);
            runner.run(() -> services.serverCertificate(url, ca), cert -> {
                busy.set(false);
                certificate.set(cert);
                success.set(false);
                result.set(messages.get(cert.trusted() ? "directory.checkFingerprint" : "directory.untrusted"));
            }, this::failed);
            return;
        }
        busy.set(true);
        WizardServices.DirectoryConnection connection = state.directoryConnection();
        runner.run(() -> services.testDirectory(connection), this::connected, this::failed);
    }

    private void connected(DirectoryInfo info) {
        busy.set(false);
        state.directoryInfoProperty().set(info);
        if (info.defaultNamingContext() != null) {
            state.baseDnProperty().set(info.defaultNamingContext());
        }
        success.set(true);
        result.set(messages.get("directory.connected", info.dnsHostName(), info.defaultNamingContext(),
                info.serverVendor() == null ? "-" : info.serverVendor(),
                messages.get(info.exchangeSchema() ? "directory.exchange.yes" : "directory.exchange.no")));
    }

    private void failed(Exception e) {
        busy.set(false);
        success.set(false);
        state.directoryInfoProperty().set(null);
        result.set(messages.get("directory.failed", e.getMessage()));
    }

    /** Accepts the shown certificate and goes on with the connection test. */
    public void acceptCertificate() {
        WizardServices.ServerCertificate cert = certificate.get();
        if (cert == null || !cert.trusted()) {
            return;
        }
        certificateAccepted.set(true);
        testConnection();
    }

    public StringProperty ldapUrlProperty() {
        return state.ldapUrlProperty();
    }

    public StringProperty bindDnProperty() {
        return state.bindDnProperty();
    }

    public StringProperty passwordProperty() {
        return state.passwordProperty();
    }

    public StringProperty caCertificateProperty() {
        return state.directoryCaCertificateProperty();
    }

    /** The server certificate waiting for the admin's confirmation, or null. */
    public ObjectProperty<WizardServices.ServerCertificate> certificateProperty() {
        return certificate;
    }

    public BooleanProperty certificateAcceptedProperty() {
        return certificateAccepted;
    }

    /** The outcome of the last test, in plain words. */
    public StringProperty resultProperty() {
        return result;
    }

    public BooleanProperty successProperty() {
        return success;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
