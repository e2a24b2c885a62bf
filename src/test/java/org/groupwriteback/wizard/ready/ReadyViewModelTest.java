package org.groupwriteback.wizard.ready;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class ReadyViewModelTest {
    private final Messages messages = Messages.load();
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final WizardState state = WizardState.from(services.currentConfiguration());
    private final ReadyViewModel vm = new ReadyViewModel(state, services, TaskExecutor.sameThread(),
            new ConfigurationSummary(messages), messages);

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

    @Test
    void aFirstRunPreviewsTheUnsavedDraftWithTheTypedPasswordAndStatesTheCreates() {
        FakeWizardServices fresh = new FakeWizardServices();
        WizardState draft = WizardState.from(Optional.empty());
        draft.included().add(FakeWizardServices.BASE);
        draft.writebackEnabledProperty().set(true);
        draft.targetOuProperty().set(FakeWizardServices.CLOUD_GROUPS);
        draft.passwordProperty().set(FakeWizardServices.PASSWORD);
        ReadyViewModel first = new ReadyViewModel(draft, fresh, TaskExecutor.sameThread(),
                new ConfigurationSummary(messages), messages);
        first.enter();
        assertThat(fresh.saved).as("nothing is saved by a preview").isNull();
        assertThat(fresh.previewed).containsExactly(draft.toConfiguration());
        assertThat(fresh.previewPasswords).containsExactly(FakeWizardServices.PASSWORD);
        assertThat(first.preview().createsProperty().get()).isEqualTo("Turning group writeback on creates 10"
                + " Microsoft 365 groups and 4 security groups in Active Directory.");
    }

    @Test
    void changingOtherSettingsWithWritebackAlreadyOnStatesNoCreates() {
        state.dnWithDisplayNameProperty().set(true);
        vm.enter();
        assertThat(vm.preview().previewProperty().get()).isNotNull();
        assertThat(vm.preview().createsProperty().get()).isEmpty();
        assertThat(services.previewPasswords).as("the stored password").containsExactly("");
    }

    @Test
    void anInvalidDraftIsNotPreviewed() {
        state.targetOuProperty().set(FakeWizardServices.SERVERS);
        vm.enter();
        assertThat(services.previewed).isEmpty();
    }

    @Test
    void stagingModeIsListedAndLeavingItSaysThePreviewIsWhatTheFirstExportWrites() {
        state.stagingModeProperty().set(true);
        vm.enter();
        assertThat(vm.changes()).extracting(ConfigurationSummary.Row::label, ConfigurationSummary.Row::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Staging mode",
                        "On (plan only, nothing exported)"));
        assertThat(vm.stagingNoteProperty().get()).startsWith("Staging mode is on");

        FakeWizardServices staged = FakeWizardServices.configured();
        WizardState leaving = WizardState.from(Optional.of(FakeWizardServices.configuration(true)
                .withStagingMode(true)));
        leaving.stagingModeProperty().set(false);
        ReadyViewModel ready = new ReadyViewModel(leaving, staged, TaskExecutor.sameThread(),
                new ConfigurationSummary(messages), messages);
        ready.enter();
        assertThat(ready.stagingNoteProperty().get()).isEqualTo("Staging mode ends: the first synchronization after"
                + " Configure writes the plan below to Active Directory.");
        assertThat(staged.previewed).singleElement().matches(c -> !c.staging());
        assertThat(ready.preview().shownRows()).isNotEmpty();
    }
}
