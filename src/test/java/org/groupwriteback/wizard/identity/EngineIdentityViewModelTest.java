package org.groupwriteback.wizard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.DeferredExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.WizardState.CredentialKind;
import org.groupwriteback.wizard.identity.EngineIdentityViewModel.Mode;
import org.junit.jupiter.api.Test;

class EngineIdentityViewModelTest {
    private static final String TENANT_AUTHORITY = "https://login.microsoftonline.com/"
            + FakeWizardServices.TENANT.tenantId();
    private static final String SIGN_IN_APP = "00000000-0000-0000-0000-0000000057a1";
    private final FakeWizardServices services = new FakeWizardServices();
    private final Messages messages = Messages.load();
    private final WizardState state = WizardState.from(Optional.empty());

    private EngineIdentityViewModel signedIn(TaskExecutor runner) {
        EngineIdentityViewModel vm = new EngineIdentityViewModel(state, services, runner, messages);
        state.signInClientIdProperty().set(SIGN_IN_APP);
        state.tenantProperty().set(FakeWizardServices.TENANT);
        return vm;
    }

    @Test
    void aFirstRunOffersToCreateTheAppAndWaitsForTheSignIn() {
        EngineIdentityViewModel vm = new EngineIdentityViewModel(state, services, TaskExecutor.sameThread(),
                messages);
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.CREATE);
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needSignIn"));
        state.tenantProperty().set(FakeWizardServices.TENANT);
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needCreate"));
        assertThat(vm.createDetail()).contains("Group writeback engine", "Group.Read.All", "User.Read.All")
                .doesNotContain("Group.ReadWrite.All");
        vm.manageWritebackProperty().set(true);
        assertThat(vm.createDetail()).contains("Group.ReadWrite.All");
    }

    @Test
    void creatingTheAppShowsStepsAndCountdownAndFillsInTheCertificateCredential() {
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        List<String> countdown = new ArrayList<>();
        vm.countdownProperty().addListener((o, a, b) -> countdown.add(b));

        vm.createIdentity();

        assertThat(countdown).contains(messages.get("identity.creating"),
                "Waiting for the new certificate to replicate: next try in 2 s",
                "Waiting for the new certificate to replicate: next try in 1 s");
        assertThat(vm.countdownProperty().get()).isEmpty();
        assertThat(vm.steps()).noneMatch(s -> s.startsWith("Waiting"))
                .anyMatch(s -> s.startsWith("Application 'Group writeback engine'"))
                .anyMatch(s -> s.startsWith("Granted Group.Read.All"))
                .noneMatch(s -> s.contains("Group.ReadWrite.All"))
                .last().asString().startsWith("Client-credentials sign-in with the certificate works");
        assertThat(state.engineIdentityActions()).containsExactlyElementsOf(vm.steps());
        assertThat(vm.undoProperty().get()).isEqualTo("To undo this, run: gwb app remove --admin-client-id "
                + SIGN_IN_APP);
        assertThat(vm.blockingReason().get()).isEmpty();
        SyncConfiguration.Cloud cloud = state.toConfiguration().cloud();
        assertThat(cloud.authority()).isEqualTo(TENANT_AUTHORITY);
        assertThat(cloud.clientId()).isEqualTo(FakeWizardServices.CREATED_APP_ID);
        assertThat(cloud.credential()).isEqualTo(new SyncConfiguration.Credential(null,
                FakeWizardServices.CREATED_P12, FakeWizardServices.CREATED_PASSWORD));
    }

    @Test
    void perGroupWritebackManagementAddsGroupReadWriteAll() {
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        vm.manageWritebackProperty().set(true);
        vm.createIdentity();
        assertThat(vm.steps()).anyMatch(s -> s.startsWith("Granted Group.ReadWrite.All"));
    }

    @Test
    void aFailedCreationSaysWhyAndStaysBlocked() {
        services.createFailure = "The new credential of app x still does not work after 300 s";
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        vm.createIdentity();
        assertThat(vm.errorProperty().get()).isEqualTo(messages.get("identity.createFailed",
                services.createFailure));
        assertThat(vm.countdownProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needCreate"));
        assertThat(state.engineIdentityActions()).isEmpty();
    }

    @Test
    void whileCreatingNextIsBlockedWithAPleaseWait() {
        DeferredExecutor runner = new DeferredExecutor();
        EngineIdentityViewModel vm = signedIn(runner);
        vm.createIdentity();
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.busy"));
        vm.createIdentity();
        assertThat(runner.pending()).isEqualTo(1);
        runner.runNext();
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void signingInToAnotherTenantForgetsTheCreatedIdentity() {
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        vm.createIdentity();
        assertThat(vm.blockingReason().get()).isEmpty();
        state.tenantProperty().set(null);
        state.tenantProperty().set(new TenantInfo("0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b", "Northwind", null));
        assertThat(vm.createdProperty().get()).isNull();
        assertThat(state.engineIdentityActions()).isEmpty();
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needCreate"));
    }

    @Test
    void anExistingAppNeedsACompleteCredentialAndAPassedTest() {
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        vm.modeProperty().set(Mode.EXISTING);
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needClientId"));
        vm.clientIdProperty().set("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        vm.credentialKindProperty().set(CredentialKind.CERTIFICATE);
        vm.certificateFileProperty().set("/etc/gwb/engine.p12");
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needCertificate"));
        vm.certificatePasswordFileProperty().set("/etc/gwb/engine.password");
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needTest"));

        vm.testCredential();

        assertThat(vm.resultProperty().get()).isEqualTo(messages.get("identity.tested", "Contoso",
                FakeWizardServices.TENANT.tenantId()));
        assertThat(vm.blockingReason().get()).isEmpty();
        SyncConfiguration.Cloud tested = services.credentialTests.get(0);
        assertThat(tested.authority()).isEqualTo(TENANT_AUTHORITY);
        assertThat(tested.credential().certificateFile()).isEqualTo("/etc/gwb/engine.p12");

        vm.certificateFileProperty().set("/etc/gwb/other.p12");
        assertThat(vm.resultProperty().get()).isEmpty();
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needTest"));
    }

    @Test
    void aWrongSecretShowsTheAadstsCauseAndARightOnePasses() {
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        vm.modeProperty().set(Mode.EXISTING);
        vm.clientIdProperty().set("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        vm.credentialKindProperty().set(CredentialKind.SECRET);
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needSecret"));
        vm.secretFileProperty().set("/etc/gwb/wrong-secret");
        vm.testCredential();
        assertThat(vm.errorProperty().get()).startsWith("The credential test failed: AADSTS7000215");
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needTest"));

        vm.secretFileProperty().set("/etc/gwb/client-secret");
        vm.testCredential();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.blockingReason().get()).isEmpty();
        assertThat(state.toConfiguration().cloud().credential())
                .isEqualTo(new SyncConfiguration.Credential("/etc/gwb/client-secret", null, null));
    }

    @Test
    void aMissingPermissionIsNamed() {
        EngineIdentityViewModel vm = signedIn(TaskExecutor.sameThread());
        vm.modeProperty().set(Mode.EXISTING);
        vm.clientIdProperty().set(FakeWizardServices.NO_USER_READ_APP);
        vm.credentialKindProperty().set(CredentialKind.SECRET);
        vm.secretFileProperty().set("/etc/gwb/client-secret");
        vm.testCredential();
        assertThat(vm.errorProperty().get()).contains("lacks the application permission User.Read.All");
        assertThat(vm.testedProperty().get()).isFalse();
    }

    @Test
    void aConfiguredInstallationStartsFromItsAppAndMustTestItAgain() {
        WizardState configured = WizardState.from(Optional.of(FakeWizardServices.configuration(true)));
        EngineIdentityViewModel vm = new EngineIdentityViewModel(configured, services, TaskExecutor.sameThread(),
                messages);
        configured.tenantProperty().set(FakeWizardServices.TENANT);
        assertThat(vm.modeProperty().get()).isEqualTo(Mode.EXISTING);
        assertThat(vm.credentialKindProperty().get()).isEqualTo(CredentialKind.SECRET);
        assertThat(vm.secretFileProperty().get()).isEqualTo("/etc/gwb/client-secret");
        assertThat(vm.blockingReason().get()).isEqualTo(messages.get("identity.needTest"));
        vm.testCredential();
        assertThat(vm.blockingReason().get()).isEmpty();
    }
}
