package org.groupwriteback.wizard.ready;

import static org.assertj.core.api.Assertions.assertThat;

import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class ReadyViewModelTest {
    private final Messages messages = Messages.load();
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final WizardState state = WizardState.from(services.currentConfiguration());
    private final ReadyViewModel vm = new ReadyViewModel(state, services, new ConfigurationSummary(messages),
            messages);

    @Test
    void onlyTheChangedSettingsAreListedWithOldAndNewValue() {
        state.targetOuProperty().set(FakeWizardServices.SALES);
        state.dnWithDisplayNameProperty().set(true);
        vm.enter();
        assertThat(vm.changes()).extracting(ConfigurationSummary.Row::label)
                .containsExactly("Target OU", "Group naming");
        assertThat(vm.changes().get(0).before()).isEqualTo(FakeWizardServices.CLOUD_GROUPS);
        assertThat(vm.changes().get(0).after()).isEqualTo(FakeWizardServices.SALES);
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void nothingChangedSaysSo() {
        vm.enter();
        assertThat(vm.changes()).isEmpty();
        assertThat(vm.noteProperty().get()).isEqualTo("Nothing changes.");
    }

    @Test
    void anInvalidDraftBlocksConfigureWithTheValidatorsReasons() {
        state.targetOuProperty().set(FakeWizardServices.SERVERS);
        vm.enter();
        assertThat(vm.errors()).singleElement().asString().startsWith("groupWriteback.targetOu: " + FakeWizardServices.SERVERS);
        assertThat(vm.blockingReason().get()).contains("1 problem");
    }
}
