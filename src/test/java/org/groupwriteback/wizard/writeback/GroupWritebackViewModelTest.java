package org.groupwriteback.wizard.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.Test;

class GroupWritebackViewModelTest {
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final WizardState state = WizardState.from(services.currentConfiguration());
    private final GroupWritebackViewModel vm = new GroupWritebackViewModel(state, services, TaskExecutor.sameThread(),
            Messages.load());

    @Test
    void withoutTheExchangeSchemaThePageSaysMailRoutingNeedsIt() {
        state.directoryInfoProperty().set(new DirectoryInfo("DC=x", "dc1", "Samba", false, List.of()));
        assertThat(vm.mailRoutingNoteProperty().get()).contains("Exchange schema").contains("mail");
        state.directoryInfoProperty().set(new DirectoryInfo("DC=x", "dc1", "Windows", true, List.of()));
        assertThat(vm.mailRoutingNoteProperty().get()).isEmpty();
    }

    @Test
    void anOuOutsideTheFilterBlocksWithTheValidatorsMessageNamingOuAndFilter() {
        vm.enter();
        vm.targetOuProperty().set(FakeWizardServices.SERVERS);
        assertThat(vm.targetErrorProperty().get()).contains(FakeWizardServices.SERVERS).contains("OU filter")
                .contains("excluded: " + FakeWizardServices.SERVERS);
        assertThat(vm.blockingReason().get()).startsWith("Fix the target OU");
        assertThat(vm.exampleDnProperty().get()).isEmpty();
        assertThat(vm.moveNoteProperty().get()).isEmpty();
        vm.targetOuProperty().set(FakeWizardServices.SALES);
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void theExampleDnFollowsTheNamingOption() {
        vm.enter();
        assertThat(vm.exampleDnProperty().get())
                .isEqualTo("CN=Group_" + FakeWizardServices.SAMPLE_ID + "," + FakeWizardServices.CLOUD_GROUPS);
        vm.dnWithDisplayNameProperty().set(true);
        assertThat(vm.exampleDnProperty().get())
                .isEqualTo("CN=Sales Team EMEA_2f6a0d9b47e1," + FakeWizardServices.CLOUD_GROUPS);
    }

    @Test
    void movingTheTargetOfALiveInstallationSaysHowManyGroupsMove() {
        vm.enter();
        assertThat(vm.moveNoteProperty().get()).isEmpty();
        vm.targetOuProperty().set(FakeWizardServices.SALES);
        assertThat(vm.moveNoteProperty().get()).startsWith("14 groups will be moved")
                .contains(FakeWizardServices.CLOUD_GROUPS, FakeWizardServices.SALES);
    }

    @Test
    void aMemberLimitAboveTheMaximumBlocksAndKeepsTheLastValidValue() {
        vm.memberLimitTextProperty().set("300000");
        assertThat(vm.blockingReason().get()).contains("250,000");
        assertThat(state.memberLimitProperty().get()).isEqualTo(50_000);
        vm.memberLimitTextProperty().set("100,000");
        assertThat(vm.blockingReason().get()).isEmpty();
        assertThat(state.memberLimitProperty().get()).isEqualTo(100_000);
    }

    @Test
    void theCurrentTargetIsRevealedByLoadingOnlyItsAncestors() {
        state.targetOuProperty().set(FakeWizardServices.SALES);
        vm.enter();
        assertThat(vm.tree().revealedProperty().get().dn()).isEqualTo(FakeWizardServices.SALES);
        assertThat(services.childCalls).containsExactly(FakeWizardServices.BASE, FakeWizardServices.CORP);
    }

    @Test
    void aTargetThatIsNotADnIsNamed() {
        vm.targetOuProperty().set("Cloud Groups");
        assertThat(vm.targetErrorProperty().get()).isEqualTo("Cloud Groups is not a distinguished name.");
        assertThat(vm.blockingReason().get()).isNotEmpty();
        assertThat(vm.exampleDnProperty().get()).isEmpty();
    }
}
