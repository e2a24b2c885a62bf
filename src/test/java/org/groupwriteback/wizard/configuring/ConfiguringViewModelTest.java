package org.groupwriteback.wizard.configuring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class ConfiguringViewModelTest {
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final WizardState state = WizardState.from(services.currentConfiguration());
    private final ConfiguringViewModel vm = new ConfiguringViewModel(state, services, TaskExecutor.sameThread(),
            Messages.load());

    @Test
    void savesThenRunsTheFirstCycleAndShowsItsCounts() {
        state.passwordProperty().set(FakeWizardServices.PASSWORD);
        vm.enter();
        assertThat(vm.phaseProperty().get()).isEqualTo(ConfiguringViewModel.Phase.COMPLETE);
        assertThat(services.saved).isEqualTo(state.toConfiguration());
        assertThat(new String(services.savedRequest.directoryPassword())).isEqualTo(FakeWizardServices.PASSWORD);
        assertThat(vm.firstRunProperty().get().added()).isEqualTo(12);
        assertThat(vm.headlineProperty().get()).isEqualTo("Configuration complete");
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void keepingTheGroupsAsksTheEngineToReleaseThem() {
        state.writebackEnabledProperty().set(false);
        state.disableModeProperty().set(WizardState.DisableMode.KEEP_GROUPS);
        state.startSyncWhenDoneProperty().set(false);
        vm.enter();
        assertThat(services.savedRequest.releaseManagedGroups()).isTrue();
        assertThat(services.saved.groupWriteback().enabled()).isFalse();
        assertThat(services.syncRuns).isZero();
        assertThat(vm.detailProperty().get()).contains("gwb sync");
    }

    @Test
    void aRefusedConfigurationIsReportedWithItsFieldsAndCanBeRetried() {
        state.targetOuProperty().set(FakeWizardServices.SERVERS);
        vm.enter();
        assertThat(vm.phaseProperty().get()).isEqualTo(ConfiguringViewModel.Phase.FAILED);
        assertThat(vm.problems()).singleElement().asString().startsWith("groupWriteback.targetOu");
        assertThat(vm.detailProperty().get()).contains("nothing changed");
        state.targetOuProperty().set(FakeWizardServices.CLOUD_GROUPS);
        vm.start();
        assertThat(vm.phaseProperty().get()).isEqualTo(ConfiguringViewModel.Phase.COMPLETE);
    }

    @Test
    void aFirstCycleStoppedAtTheThresholdShowsTheDeletesAndApprovingAppliesThem() {
        state.writebackEnabledProperty().set(false);
        state.disableModeProperty().set(WizardState.DisableMode.DELETE_GROUPS);
        services.nextRunBlockedDeletes = List.of(
                new WizardServices.PendingDelete("Marketing", "CN=Marketing,OU=Cloud Groups,DC=fabrikam,DC=local"),
                new WizardServices.PendingDelete("Legal Review", "CN=Legal Review,OU=Cloud Groups,DC=fabrikam,DC=local"));
        vm.enter();
        assertThat(vm.phaseProperty().get()).isEqualTo(ConfiguringViewModel.Phase.COMPLETE);
        assertThat(vm.detailProperty().get()).contains("stopped at the deletion threshold");
        assertThat(vm.approval().deletes()).extracting(WizardServices.PendingDelete::name)
                .containsExactly("Marketing", "Legal Review");
        long blocked = vm.firstRunProperty().get().runId();

        vm.approval().approve();
        assertThat(services.approvedRuns).containsExactly(blocked);
        assertThat(vm.firstRunProperty().get().deleted()).isEqualTo(2);
        assertThat(vm.approval().deletes()).isEmpty();
        assertThat(vm.detailProperty().get()).startsWith("The configuration is saved and the first synchronization"
                + " cycle completed.");
    }
}
