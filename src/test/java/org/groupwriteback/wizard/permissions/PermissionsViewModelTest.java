package org.groupwriteback.wizard.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionsViewModelTest {
    private final FakeWizardServices services = new FakeWizardServices();
    private final WizardState state = WizardState.from(Optional.empty());
    private PermissionsViewModel vm;

    @BeforeEach
    void setUp() {
        state.bindDnProperty().set(FakeWizardServices.BIND_DN);
        state.targetOuProperty().set(FakeWizardServices.CLOUD_GROUPS);
        vm = new PermissionsViewModel(state, services, TaskExecutor.sameThread(), Messages.load());
        vm.enter();
    }

    @Test
    void verifyListsTheMissingRightsUntilTheyAreGranted() {
        vm.verify();
        assertThat(vm.missing()).hasSize(3).first().asString().startsWith("Create group objects");
        assertThat(vm.resultKindProperty().get()).isEqualTo(PermissionsViewModel.ResultKind.ERROR);
        assertThat(vm.blockingReason().get()).isNotEmpty();
        vm.adminDnProperty().set("CN=Administrator,CN=Users,DC=fabrikam,DC=local");
        vm.adminPasswordProperty().set(FakeWizardServices.ADMIN_PASSWORD);
        vm.grant();
        assertThat(vm.adminPasswordProperty().get()).isEmpty();
        assertThat(vm.missing()).isEmpty();
        assertThat(vm.verifiedProperty().get()).isTrue();
        assertThat(vm.resultKindProperty().get()).isEqualTo(PermissionsViewModel.ResultKind.OK);
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void aRefusedGrantSaysWhyAndKeepsNextBlocked() {
        vm.adminDnProperty().set("CN=Administrator,CN=Users,DC=fabrikam,DC=local");
        vm.adminPasswordProperty().set("wrong");
        vm.grant();
        assertThat(vm.resultProperty().get()).startsWith("Could not grant the permissions: Invalid credentials");
        assertThat(vm.blockingReason().get()).isNotEmpty();
    }

    @Test
    void choosingPowerShellShowsAndSavesTheScript(@TempDir Path dir) throws Exception {
        vm.modeProperty().set(PermissionsViewModel.Mode.POWERSHELL);
        assertThat(vm.blockingReason().get()).isEmpty();
        assertThat(vm.scriptProperty().get()).contains("dsacls", FakeWizardServices.CLOUD_GROUPS);
        Path file = dir.resolve("grant.ps1");
        vm.saveScript(file);
        assertThat(Files.readString(file)).isEqualTo(vm.scriptProperty().get());
    }
}
