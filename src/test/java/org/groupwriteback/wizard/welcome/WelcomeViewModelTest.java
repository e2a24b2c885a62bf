package org.groupwriteback.wizard.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.WizardTask;
import org.junit.jupiter.api.Test;

class WelcomeViewModelTest {

    @Test
    void aFirstRunNeedsNoTask() {
        WelcomeViewModel vm = new WelcomeViewModel(WizardState.from(new FakeWizardServices().currentConfiguration()),
                Messages.load());
        assertThat(vm.firstRun()).isTrue();
        assertThat(vm.tasks()).isEmpty();
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void aConfiguredInstallationWaitsForATask() {
        WizardState state = WizardState.from(FakeWizardServices.configured().currentConfiguration());
        WelcomeViewModel vm = new WelcomeViewModel(state, Messages.load());
        assertThat(vm.tasks()).containsExactly(WizardTask.VIEW_CONFIGURATION, WizardTask.CUSTOMIZE,
                WizardTask.TOGGLE_WRITEBACK, WizardTask.PREVIEW, WizardTask.GROUP_SETTINGS, WizardTask.SYNC_STATUS);
        assertThat(vm.blockingReason().get()).isEqualTo("Select a task to continue.");
        vm.selectedTaskProperty().set(WizardTask.TOGGLE_WRITEBACK);
        assertThat(state.taskProperty().get()).isEqualTo(WizardTask.TOGGLE_WRITEBACK);
        assertThat(vm.blockingReason().get()).isEmpty();
    }
}
