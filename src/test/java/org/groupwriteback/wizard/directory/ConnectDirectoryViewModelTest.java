package org.groupwriteback.wizard.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectDirectoryViewModelTest {
    private final FakeWizardServices services = new FakeWizardServices();
    private final WizardState state = WizardState.from(Optional.empty());
    private ConnectDirectoryViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new ConnectDirectoryViewModel(state, services, TaskExecutor.sameThread(), Messages.load());
        vm.ldapUrlProperty().set("ldaps://dc1.fabrikam.local");
        vm.bindDnProperty().set(FakeWizardServices.BIND_DN);
        vm.passwordProperty().set(FakeWizardServices.PASSWORD);
    }

    @Test
    void aSuccessfulTestUnblocksNextAndTakesTheDomainFromTheRootDse() {
        assertThat(vm.blockingReason().get()).contains("Test the connection");
        vm.testConnection();
        assertThat(vm.successProperty().get()).isTrue();
        assertThat(vm.resultProperty().get()).contains("dc1.fabrikam.local", FakeWizardServices.BASE);
        assertThat(state.baseDnProperty().get()).isEqualTo(FakeWizardServices.BASE);
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void aWrongPasswordShowsTheDirectoryMessageAndKeepsNextBlocked() {
        vm.passwordProperty().set("wrong");
        vm.testConnection();
        assertThat(vm.successProperty().get()).isFalse();
        assertThat(vm.resultProperty().get()).startsWith("Could not connect: Invalid credentials for")
                .contains("LDAP 49");
        assertThat(vm.blockingReason().get()).isNotEmpty();
    }

    @Test
    void editingAFieldAfterASuccessfulTestAsksForANewTest() {
        vm.testConnection();
        vm.bindDnProperty().set("CN=someone else,DC=fabrikam,DC=local");
        assertThat(state.directoryInfoProperty().get()).isNull();
        assertThat(vm.blockingReason().get()).contains("Test the connection");
    }

    @Test
    void aNewCaIsUsedOnlyAfterItsFingerprintWasAccepted() {
        vm.caCertificateProperty().set("/tmp/fabrikam-ca.pem");
        vm.testConnection();
        assertThat(vm.certificateProperty().get().sha256Fingerprint()).startsWith("3A:9F");
        assertThat(state.directoryInfoProperty().get()).isNull();
        assertThat(vm.blockingReason().get()).contains("fingerprint");
        vm.acceptCertificate();
        assertThat(vm.successProperty().get()).isTrue();
        assertThat(vm.blockingReason().get()).isEmpty();
    }
}
