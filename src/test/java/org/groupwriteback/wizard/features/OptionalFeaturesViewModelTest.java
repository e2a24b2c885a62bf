package org.groupwriteback.wizard.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class OptionalFeaturesViewModelTest {
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final WizardState state = WizardState.from(services.currentConfiguration());
    private final OptionalFeaturesViewModel vm = new OptionalFeaturesViewModel(state, services,
            TaskExecutor.sameThread(), Messages.load());

    @Test
    void uncheckingALiveWritebackOpensTheWarningWithEveryManagedGroup() {
        vm.setWritebackRequested(false);
        OptionalFeaturesViewModel.DeletionWarning w = vm.warningProperty().get();
        assertThat(w.count()).isEqualTo(14);
        assertThat(w.firstNames()).hasSize(OptionalFeaturesViewModel.NAMES_SHOWN).startsWith("Sales Team EMEA");
        assertThat(state.writebackEnabledProperty().get()).isTrue();
        assertThat(vm.blockingReason().get()).isNotEmpty();
    }

    @Test
    void stagingModeIsPartOfTheConfigurationTheWizardWrites() {
        assertThat(state.toConfiguration().staging()).isFalse();
        vm.stagingModeProperty().set(true);
        assertThat(state.toConfiguration().staging()).isTrue();
        assertThat(state.toConfiguration().stagingMode()).isTrue();
    }

    @Test
    void noChangesNothing() {
        vm.setWritebackRequested(false);
        vm.cancelDisable();
        assertThat(vm.warningProperty().get()).isNull();
        assertThat(state.writebackEnabledProperty().get()).isTrue();
        assertThat(state.disableModeProperty().get()).isNull();
        assertThat(vm.writebackCheckedProperty().get()).isTrue();
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void yesDisablesWritebackAndDeletesTheGroups() {
        vm.setWritebackRequested(false);
        vm.confirmDelete();
        assertThat(state.writebackEnabledProperty().get()).isFalse();
        assertThat(state.disableModeProperty().get()).isEqualTo(WizardState.DisableMode.DELETE_GROUPS);
        assertThat(vm.noteProperty().get()).contains("The 14 groups it created will be deleted");
    }

    @Test
    void keepDisablesWritebackAndReleasesTheGroups() {
        vm.setWritebackRequested(false);
        vm.keepGroups();
        assertThat(state.writebackEnabledProperty().get()).isFalse();
        assertThat(state.disableModeProperty().get()).isEqualTo(WizardState.DisableMode.KEEP_GROUPS);
        assertThat(vm.noteProperty().get()).contains("The 14 groups it created stay in Active Directory");
    }

    @Test
    void onAFirstRunUncheckingNeedsNoWarning() {
        FakeWizardServices fresh = new FakeWizardServices();
        WizardState s = WizardState.from(fresh.currentConfiguration());
        OptionalFeaturesViewModel first = new OptionalFeaturesViewModel(s, fresh, TaskExecutor.sameThread(),
                Messages.load());
        first.setWritebackRequested(false);
        assertThat(first.warningProperty().get()).isNull();
        assertThat(s.writebackEnabledProperty().get()).isFalse();
        assertThat(s.disableModeProperty().get()).isNull();
    }
}
