package org.groupwriteback.wizard.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class ConnectCloudViewModelTest {
    private final WizardState state = WizardState.from(Optional.empty());
    private final ConnectCloudViewModel vm = new ConnectCloudViewModel(state, new FakeWizardServices(),
            TaskExecutor.sameThread(), Messages.load());

    @Test
    void signingInShowsTheDeviceCodeAndThenTheTenant() {
        assertThat(vm.authorityProperty().get()).isEqualTo(WizardState.DEFAULT_AUTHORITY);
        vm.clientIdProperty().set("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        assertThat(vm.blockingReason().get()).contains("Sign in");
        vm.signIn();
        assertThat(vm.userCodeProperty().get()).isEqualTo("HX4K-7QPL");
        assertThat(state.tenantProperty().get()).isEqualTo(FakeWizardServices.TENANT);
        assertThat(vm.statusProperty().get()).contains("Contoso", FakeWizardServices.TENANT.tenantId());
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void aRefusedSignInShowsTheReasonAndChangingTheClientIdForgetsATenant() {
        vm.clientIdProperty().set("not-a-client");
        vm.signIn();
        assertThat(vm.errorProperty().get()).startsWith("Sign-in failed: AADSTS700016");
        assertThat(state.tenantProperty().get()).isNull();
        vm.clientIdProperty().set("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        vm.signIn();
        vm.clientIdProperty().set("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8c");
        assertThat(state.tenantProperty().get()).isNull();
        assertThat(vm.blockingReason().get()).contains("Sign in");
    }
}
