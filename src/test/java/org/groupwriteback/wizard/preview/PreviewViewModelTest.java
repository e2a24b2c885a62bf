package org.groupwriteback.wizard.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.PlanPreview;
import org.groupwriteback.wizard.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewViewModelTest {
    private final Messages messages = Messages.load();
    private final FakeWizardServices services = FakeWizardServices.configured();
    private final SyncConfiguration configuration = FakeWizardServices.configuration(true);

    private PreviewViewModel vm(TaskExecutor runner, boolean firstEnable) {
        return new PreviewViewModel(services, runner, messages, () -> configuration, () -> new char[0],
                () -> firstEnable);
    }

    private static int count(PreviewViewModel vm, String kind) {
        return vm.counts().stream().filter(c -> c.kind().equals(kind)).findFirst().orElseThrow().count();
    }

    @Test
    void countsEveryChangeKindOfTheEnginesPlan() {
        PreviewViewModel vm = vm(TaskExecutor.sameThread(), false);
        vm.enter();
        PlanPreview p = vm.previewProperty().get();
        assertThat(services.previewed).containsExactly(configuration);
        assertThat(vm.counts()).extracting(PreviewViewModel.Count::kind).containsExactly("create", "move", "rename",
                "update", "removeMembers", "addMembers", "delete");
        for (PreviewViewModel.Count c : vm.counts()) {
            assertThat(c.count()).as(c.kind()).isEqualTo(p.rows().stream()
                    .filter(r -> r.change().equals(c.kind())).count());
        }
        assertThat(count(vm, "create")).isEqualTo(14);
        assertThat(vm.summaryProperty().get()).isEqualTo(p.rows().size() + " changes");
        assertThat(vm.shownRows()).hasSize(p.rows().size());
        assertThat(vm.createsProperty().get()).as("not a first enable").isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void theFirstEnableSaysHowManyGroupsOfEachKindAreCreated() {
        PreviewViewModel vm = vm(TaskExecutor.sameThread(), true);
        vm.refresh();
        assertThat(vm.createsProperty().get()).isEqualTo("Turning group writeback on creates 10 Microsoft 365"
                + " groups and 4 security groups in Active Directory.");
    }

    @Test
    void searchMatchesGroupChangeDnAndReasonIgnoringCase() {
        PreviewViewModel vm = vm(TaskExecutor.sameThread(), false);
        vm.refresh();
        int all = vm.shownRows().size();
        vm.searchProperty().set("project falcon");
        assertThat(vm.shownRows()).extracting(PlanPreview.Row::group).containsOnly("Project Falcon").hasSize(2);
        assertThat(vm.shownCountProperty().get()).isEqualTo("Showing 2 of " + all);
        vm.searchProperty().set("RENAME");
        assertThat(vm.shownRows()).extracting(PlanPreview.Row::group).containsExactly("Marketing EMEA");
        vm.searchProperty().set("remove members");
        assertThat(vm.shownRows()).extracting(PlanPreview.Row::change).containsExactly("removeMembers");
        vm.searchProperty().set("cn=old project");
        assertThat(vm.shownRows()).extracting(PlanPreview.Row::group).containsExactly("Old Project");
        vm.searchProperty().set("security group");
        assertThat(vm.shownRows()).extracting(PlanPreview.Row::change).containsOnly("create").hasSize(4);
        vm.searchProperty().set("no such thing");
        assertThat(vm.shownRows()).isEmpty();
        vm.searchProperty().set("  ");
        assertThat(vm.shownRows()).hasSize(all);
    }

    @Test
    void theCsvHoldsEveryChangeEvenWhileASearchFiltersTheList(@TempDir Path dir) throws Exception {
        PreviewViewModel vm = vm(TaskExecutor.sameThread(), false);
        vm.refresh();
        vm.searchProperty().set("falcon");
        Path file = dir.resolve("preview.csv");
        vm.exportCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("group,change,dn,membersAdded,membersRemoved,why");
        assertThat(lines).hasSize(1 + vm.previewProperty().get().rows().size());
        assertThat(lines).anyMatch(l -> l.startsWith("\"Old Project\",removeMembers,")
                || l.startsWith("Old Project,removeMembers,"));
        assertThat(vm.exportedProperty().get()).isEqualTo("Saved " + (lines.size() - 1) + " changes to " + file + ".");
    }

    @Test
    void aFailedPreviewSaysWhyAndShowsNoStaleList() {
        FakeWizardServices firstRun = new FakeWizardServices();
        PreviewViewModel vm = new PreviewViewModel(firstRun, TaskExecutor.sameThread(), messages,
                () -> configuration, () -> "wrong".toCharArray(), () -> true);
        vm.refresh();
        assertThat(vm.previewProperty().get()).isNull();
        assertThat(vm.shownRows()).isEmpty();
        assertThat(vm.errorProperty().get()).startsWith("The preview failed: Invalid credentials for "
                + FakeWizardServices.BIND_DN);
        assertThat(vm.createsProperty().get()).isEmpty();
    }

    @Test
    void anOlderPreviewArrivingLateDoesNotReplaceANewerOne() {
        Deferred runner = new Deferred();
        SyncConfiguration moved = new SyncConfiguration(configuration.cloud(), configuration.directory(),
                configuration.ouFilter(), new SyncConfiguration.GroupWriteback(true, FakeWizardServices.SALES, false,
                        50_000, false), 500, configuration.scheduler());
        SyncConfiguration[] which = {configuration};
        PreviewViewModel vm = new PreviewViewModel(services, runner, messages, () -> which[0], () -> new char[0],
                () -> false);
        vm.refresh();
        which[0] = moved;
        vm.refresh();
        assertThat(vm.runningProperty().get()).isTrue();
        runner.complete(1);
        runner.complete(0);
        assertThat(services.previewed).containsExactly(moved, configuration);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.shownRows()).filteredOn(r -> r.change().equals("create"))
                .allMatch(r -> r.dn().endsWith(FakeWizardServices.SALES));
    }

    /** Runs work only when told to, in any order, to check that late results are dropped. */
    private static final class Deferred implements TaskExecutor {
        private final List<Runnable> pending = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
            pending.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        void complete(int index) {
            pending.get(index).run();
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }
    }
}
