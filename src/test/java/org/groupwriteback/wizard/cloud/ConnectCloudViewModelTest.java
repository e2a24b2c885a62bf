package org.groupwriteback.wizard.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.groupwriteback.wizard.DeferredExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class ConnectCloudViewModelTest {
    private static final String CLIENT = "9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b";
    private final WizardState state = WizardState.from(Optional.empty());
    private final FakeWizardServices services = new FakeWizardServices();
    private final Messages messages = Messages.load();

    private ConnectCloudViewModel model(TaskExecutor runner) {
        return new ConnectCloudViewModel(state, services, runner, messages);
    }

    @Test
    void theBrowserSignInIsTheDefaultAndNamesTheTenantReached() {
        ConnectCloudViewModel vm = model(TaskExecutor.sameThread());
        assertThat(vm.useDeviceCodeProperty().get()).isFalse();
        assertThat(vm.authorityProperty().get()).isEqualTo(WizardState.DEFAULT_AUTHORITY);
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("cloud.needClientId"));
        vm.clientIdProperty().set(CLIENT);
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("cloud.needSignIn"));

        vm.signIn();

        assertThat(services.browserSignIns).isEqualTo(1);
        assertThat(state.tenantProperty().get()).isEqualTo(FakeWizardServices.TENANT);
        assertThat(vm.statusProperty().get()).contains("Contoso", FakeWizardServices.TENANT.tenantId());
        assertThat(vm.userCodeProperty().get()).isEmpty();
        assertThat(vm.progressProperty().get()).isEmpty();
        assertThat(vm.blockingReason().get()).isEmpty();
        assertThat(state.serviceAuthority()).isEqualTo("https://login.microsoftonline.com/"
                + FakeWizardServices.TENANT.tenantId());
    }

    @Test
    void withoutABrowserTheDeviceCodeIsUsedAtOnceAndItsCodeShownWhileWaiting() {
        services.browser = false;
        ConnectCloudViewModel vm = model(TaskExecutor.sameThread());
        assertThat(vm.browserAvailable()).isFalse();
        assertThat(vm.useDeviceCodeProperty().get()).isTrue();
        List<String> codes = new ArrayList<>();
        vm.userCodeProperty().addListener((o, a, b) -> codes.add(b));
        vm.clientIdProperty().set(CLIENT);

        vm.signIn();

        assertThat(codes).contains("HX4K-7QPL");
        assertThat(services.browserSignIns).isZero();
        assertThat(state.tenantProperty().get()).isEqualTo(FakeWizardServices.TENANT);
        vm.useBrowserInstead();
        assertThat(vm.useDeviceCodeProperty().get()).isTrue();
    }

    @Test
    void aDeclinedBrowserSignInSaysSoAndTheDeviceCodeFallbackSignsIn() {
        services.declineBrowserSignIn = true;
        ConnectCloudViewModel vm = model(TaskExecutor.sameThread());
        vm.clientIdProperty().set(CLIENT);
        vm.signIn();
        assertThat(vm.errorProperty().get()).startsWith("Sign-in failed:").contains("declined or cancelled");
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("cloud.needSignIn"));

        vm.useDeviceCodeInstead();

        assertThat(vm.useDeviceCodeProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(state.tenantProperty().get()).isEqualTo(FakeWizardServices.TENANT);
        vm.useBrowserInstead();
        assertThat(vm.useDeviceCodeProperty().get()).isFalse();
    }

    @Test
    void whileWaitingThePageSaysWhatItWaitsForAndCancelIgnoresTheLateAnswer() {
        DeferredExecutor runner = new DeferredExecutor();
        ConnectCloudViewModel vm = model(runner);
        vm.clientIdProperty().set(CLIENT);
        vm.signIn();
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.progressProperty().get()).isEqualTo(messages.get("cloud.progress.browser"));
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("cloud.signingIn"));

        vm.cancel();

        assertThat(services.cancels).isEqualTo(1);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo(messages.get("cloud.cancelled"));
        runner.runNext();
        assertThat(state.tenantProperty().get()).isNull();
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("cloud.needSignIn"));

        vm.signIn();
        runner.runNext();
        assertThat(state.tenantProperty().get()).isEqualTo(FakeWizardServices.TENANT);
    }

    @Test
    void aRefusedSignInShowsTheReasonAndChangingTheSignInAppForgetsTheTenant() {
        ConnectCloudViewModel vm = model(TaskExecutor.sameThread());
        vm.clientIdProperty().set("not-a-client");
        vm.signIn();
        assertThat(vm.errorProperty().get()).startsWith("Sign-in failed: AADSTS700016");
        assertThat(state.tenantProperty().get()).isNull();
        vm.clientIdProperty().set(CLIENT);
        vm.signIn();
        assertThat(vm.errorProperty().get()).isEmpty();
        vm.clientIdProperty().set("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8c");
        assertThat(state.tenantProperty().get()).isNull();
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("cloud.needSignIn"));
        vm.signIn();
        vm.authorityProperty().set("https://login.microsoftonline.us/organizations");
        assertThat(state.tenantProperty().get()).isNull();
    }

    @Test
    void theDemoDraftPrefillsTheSignInApplication() {
        WizardState draft = WizardState.firstRun(new org.groupwriteback.wizard.WizardServices.FirstRunDraft(
                FakeWizardServices.configuration(true), "pw", "00000000-0000-0000-0000-0000000057a1"));
        ConnectCloudViewModel vm = new ConnectCloudViewModel(draft, services, TaskExecutor.sameThread(), messages);
        assertThat(vm.clientIdProperty().get()).isEqualTo("00000000-0000-0000-0000-0000000057a1");
        assertThat(draft.clientIdProperty().get()).isEqualTo("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
    }
}
