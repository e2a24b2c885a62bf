package org.groupwriteback.wizard.oufilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.OuNode;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OuFilterViewModelTest {
    private final FakeWizardServices services = new FakeWizardServices();
    private WizardState state;
    private OuFilterViewModel vm;

    @BeforeEach
    void setUp() {
        state = WizardState.from(Optional.empty());
        state.baseDnProperty().set(FakeWizardServices.BASE);
        vm = new OuFilterViewModel(state, services, TaskExecutor.sameThread(), Messages.load());
        vm.enter();
    }

    @Test
    void firstRunIncludesTheWholeDomainAndLoadsOnlyTheFirstLevel() {
        assertThat(state.included()).containsExactly(FakeWizardServices.BASE);
        assertThat(vm.tree().rootProperty().get().children()).extracting(OuNode::name)
                .contains("Cloud Groups", "Corp", "Servers");
        assertThat(services.childCalls).containsExactly(FakeWizardServices.BASE);
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void clearingAnOuExcludesItAndMarksTheDomainIndeterminate() {
        vm.setInScope(FakeWizardServices.SERVERS, false);
        assertThat(state.excluded()).containsExactly(FakeWizardServices.SERVERS);
        OuNode root = vm.tree().rootProperty().get();
        assertThat(root.checkedProperty().get()).isTrue();
        assertThat(root.indeterminateProperty().get()).isTrue();
        assertThat(vm.tree().find(FakeWizardServices.SERVERS).orElseThrow().checkedProperty().get()).isFalse();
    }

    @Test
    void childrenLoadedLaterInheritTheirParentsScope() {
        vm.setInScope(FakeWizardServices.CORP, false);
        OuNode corp = vm.tree().find(FakeWizardServices.CORP).orElseThrow();
        vm.expand(corp);
        assertThat(corp.children()).isNotEmpty().allSatisfy(n -> assertThat(n.checkedProperty().get()).isFalse());
        assertThat(services.childCalls).containsExactly(FakeWizardServices.BASE, FakeWizardServices.CORP);
    }

    @Test
    void checkingASubtreeAgainReplacesTheEntriesBelowIt() {
        vm.setInScope(FakeWizardServices.CORP, false);
        vm.setInScope(FakeWizardServices.SALES, true);
        assertThat(state.included()).containsExactlyInAnyOrder(FakeWizardServices.BASE, FakeWizardServices.SALES);
        vm.setInScope(FakeWizardServices.BASE, true);
        assertThat(state.included()).containsExactly(FakeWizardServices.BASE);
        assertThat(state.excluded()).isEmpty();
    }

    @Test
    void clearingTheDomainLeavesNothingInScopeAndBlocksNext() {
        vm.setInScope(FakeWizardServices.SERVERS, false);
        vm.setInScope(FakeWizardServices.BASE, false);
        assertThat(state.included()).isEmpty();
        assertThat(state.excluded()).isEmpty();
        assertThat(vm.blockingReason().get()).contains("at least one");
    }
}
