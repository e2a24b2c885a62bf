package org.groupwriteback.wizard.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices.PendingDelete;
import org.junit.jupiter.api.Test;

class SyncStatusViewModelTest {
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final SyncStatusViewModel vm = new SyncStatusViewModel(services, TaskExecutor.sameThread(),
            Messages.load());

    @Test
    void theNewestRunsWaitingDeletesAreShownAndApprovedFromTheStatusPage() throws Exception {
        services.nextRunBlockedDeletes = List.of(new PendingDelete("Vendor Access",
                "CN=Vendor Access,OU=Cloud Groups,DC=fabrikam,DC=local"));
        long blocked = services.runSync().runId();
        vm.enter();
        assertThat(vm.approval().deletes()).extracting(PendingDelete::dn)
                .containsExactly("CN=Vendor Access,OU=Cloud Groups,DC=fabrikam,DC=local");

        vm.approval().approve();
        assertThat(services.approvedRuns).containsExactly(blocked);
        assertThat(vm.runs().get(0).deleted()).as("the list was refreshed with the approving run").isEqualTo(1);
        assertThat(vm.approval().blockedProperty().get()).isNull();
    }

    @Test
    void anOlderRunsDeletesCannotBeApproved() throws Exception {
        services.nextRunBlockedDeletes = List.of(new PendingDelete("Vendor Access",
                "CN=Vendor Access,OU=Cloud Groups,DC=fabrikam,DC=local"));
        services.runSync();
        services.runSync();
        vm.enter();
        assertThat(vm.approval().blockedProperty().get()).isNull();
        vm.select(vm.runs().get(1));
        assertThat(vm.runs().get(1).awaitingApproval()).isTrue();
        assertThat(vm.approval().blockedProperty().get()).as("a later cycle planned again").isNull();
        vm.select(vm.runs().get(0));
        assertThat(vm.approval().deletes()).isEmpty();
    }
}
