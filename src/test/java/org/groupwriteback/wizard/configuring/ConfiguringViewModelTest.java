package org.groupwriteback.wizard.configuring;

import static org.assertj.core.api.Assertions.assertThat;

import org.groupwriteback.wizard.TaskExecutor;
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
}
