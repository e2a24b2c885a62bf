package org.groupwriteback.wizard.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices.PendingDelete;
import org.groupwriteback.wizard.WizardServices.RunSummary;
import org.junit.jupiter.api.Test;

class DeletionApprovalViewModelTest {
    private static final List<PendingDelete> DELETES = List.of(
            new PendingDelete("Marketing", "CN=Marketing,OU=Cloud Groups,DC=fabrikam,DC=local"),
            new PendingDelete("Project Falcon", "CN=Project Falcon,OU=Cloud Groups,DC=fabrikam,DC=local"),
            new PendingDelete("Legal Review", "CN=Legal Review,OU=Cloud Groups,DC=fabrikam,DC=local"));
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final List<RunSummary> approved = new ArrayList<>();
    private final DeletionApprovalViewModel vm = new DeletionApprovalViewModel(services, TaskExecutor.sameThread(),
            Messages.load(), approved::add);

    private RunSummary blockedRun() throws Exception {
        services.nextRunBlockedDeletes = DELETES;
        return services.runSync();
    }

    @Test
    void aRunStoppedAtTheThresholdShowsItsDeletesAndTheApproveAction() throws Exception {
        vm.show(blockedRun());
        assertThat(vm.deletes()).containsExactlyElementsOf(DELETES);
        assertThat(vm.approveTextProperty().get()).isEqualTo("_Approve these 3 deletions");
        assertThat(vm.headlineProperty().get()).startsWith("The cycle stopped before deleting 3 groups");
    }

    @Test
    void aRunWithoutWaitingDeletesShowsNothing() throws Exception {
        vm.show(blockedRun());
        vm.show(services.runSync());
        assertThat(vm.blockedProperty().get()).isNull();
        assertThat(vm.deletes()).isEmpty();
        assertThat(vm.headlineProperty().get()).isEmpty();
    }

    @Test
    void approvingRunsTheEnginesApprovalForExactlyThatRun() throws Exception {
        RunSummary blocked = blockedRun();
        vm.show(blocked);
        vm.approve();
        assertThat(services.approvedRuns).containsExactly(blocked.runId());
        assertThat(approved).singleElement().extracting(RunSummary::deleted).isEqualTo(3);
        assertThat(vm.blockedProperty().get()).isNull();
        assertThat(vm.deletes()).isEmpty();
        assertThat(vm.outcomeProperty().get()).isEqualTo("3 groups deleted.");
        vm.approve();
        assertThat(services.approvedRuns).as("nothing left to approve").hasSize(1);
    }

    @Test
    void aRefusedApprovalKeepsTheListAndSaysWhy() throws Exception {
        vm.show(blockedRun());
        services.approvalFailure = "the deletes planned now differ from run 41: run gwb sync --dry-run";
        vm.approve();
        assertThat(approved).isEmpty();
        assertThat(vm.deletes()).hasSize(3);
        assertThat(vm.errorProperty().get()).isEqualTo("The deletions were not approved: " + services.approvalFailure);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aSingleDeleteReadsInTheSingular() {
        vm.show(new RunSummary(Instant.EPOCH, Instant.EPOCH, "deletion-threshold-exceeded", 0, 0, 0, 0, 0, 0, 0,
                List.of(), 7, DELETES.subList(0, 1), false));
        assertThat(vm.approveTextProperty().get()).isEqualTo("_Approve this deletion");
    }
}
