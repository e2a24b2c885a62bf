package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.controlsfx.control.textfield.CustomTextField;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.Page;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices.PendingDelete;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.preview.PreviewViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The preview of the next synchronization, the deletion approval and the Cancel confirmation, clicked through
 * headless (Monocle) against {@link FakeWizardServices}; screenshots go to {@code target/screenshots/}.
 */
class PreviewUiTest extends FxRobot {
    private static final List<PendingDelete> DELETES = List.of(
            new PendingDelete("Marketing", "CN=Marketing,OU=Cloud Groups,DC=fabrikam,DC=local"),
            new PendingDelete("Project Falcon", "CN=Project Falcon,OU=Cloud Groups,DC=fabrikam,DC=local"),
            new PendingDelete("Legal Review", "CN=Legal Review,OU=Cloud Groups,DC=fabrikam,DC=local"));
    private WizardShell shell;
    private Scene scene;
    private Stage window;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private void open(FakeWizardServices services) throws TimeoutException {
        FxToolkit.setupStage((Stage stage) -> {
            window = stage;
            shell = new WizardShell(services, TaskExecutor.sameThread(), Messages.load(), false, stage::hide);
            scene = WizardApp.createScene(shell);
            stage.setScene(scene);
            stage.setWidth(WizardShell.WIDTH);
            stage.setHeight(WizardShell.HEIGHT);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return lookup(id).queryLabeled().getText();
    }

    /** True when the node and every parent are visible (shown on screen). */
    private boolean visible(String id) {
        for (javafx.scene.Node n = lookup(id).query(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theTasksPreviewCountsSearchesAndExportsTheNextSynchronization(@TempDir Path dir) throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        open(services);
        clickOn("#task-PREVIEW");
        clickOn("#next");
        assertThat(shell.pageProperty().get()).isEqualTo(Page.PREVIEW);
        assertThat(text("#pageTitle")).isEqualTo("Preview the next synchronization");
        assertThat(services.previewed).containsExactly(services.currentConfiguration().orElseThrow());
        assertThat(text("#previewCount-create")).isEqualTo("14 Create");
        assertThat(text("#previewCount-rename")).isEqualTo("1 Rename");
        assertThat(text("#previewCount-delete")).isEqualTo("0 Delete");
        assertThat(text("#previewSummary")).isEqualTo("30 changes");
        assertThat(visible("#previewCreates")).as("writeback was already on").isFalse();
        TableView<?> table = lookup("#previewTable").queryTableView();
        assertThat(table.getItems()).hasSize(30);
        assertThat(lookup("#next").queryAs(Button.class).getText()).isEqualTo("E_xit");
        WizardUiTest.snapshot(scene, "20-preview-task");

        assertThat((Object) lookup("#previewSearch").query()).isInstanceOf(CustomTextField.class);
        clickOn("#previewSearch").write("falcon");
        assertThat(table.getItems()).hasSize(2);
        assertThat(text("#previewShown")).isEqualTo("Showing 2 of 30");
        WizardUiTest.snapshot(scene, "21-preview-search");
        interact(() -> lookup("#previewSearch").queryAs(TextField.class).clear());
        assertThat(table.getItems()).hasSize(30);

        Path csv = dir.resolve("plan.csv");
        PreviewViewModel vm = (PreviewViewModel) shell.model(Page.PREVIEW);
        interact(() -> vm.exportCsv(csv));
        assertThat(Files.readAllLines(csv)).hasSize(31).first().asString().startsWith("group,change,dn");
        assertThat(lookup(".status.ok").queryLabeled().getText()).isEqualTo("Saved 30 changes to " + csv + ".");
    }

    @Test
    void theStatusPageApprovesTheDeletesTheNewestRunLeftWaiting() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        services.nextRunBlockedDeletes = DELETES;
        long blocked = services.runSync().runId();
        open(services);
        clickOn("#task-SYNC_STATUS");
        clickOn("#next");
        assertThat(visible("#approvalHeadline")).isTrue();
        assertThat(lookup("#pendingDeletes").queryTableView().getItems()).hasSize(3);
        assertThat(lookup("#approveDeletes").queryButton().getText()).isEqualTo("_Approve these 3 deletions");
        WizardUiTest.snapshot(scene, "22-status-deletes-waiting");

        clickOn("#approveDeletes");
        assertThat(services.approvedRuns).containsExactly(blocked);
        assertThat(visible("#approvalHeadline")).isFalse();
        assertThat(lookup(".status.ok").queryLabeled().getText()).isEqualTo("3 groups deleted.");
        WizardUiTest.snapshot(scene, "23-status-deletes-approved");
    }

    @Test
    void aDisableBlockedByTheThresholdIsApprovedOnTheCompletePage() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        services.nextRunBlockedDeletes = DELETES;
        open(services);
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#writebackCheck");
        clickOn("#warningYes");
        clickOn("#next");
        assertThat(shell.pageProperty().get()).isEqualTo(Page.READY);
        clickOn("#next");
        assertThat(shell.pageProperty().get()).isEqualTo(Page.CONFIGURING);
        assertThat(text("#outcomeDetail")).contains("stopped at the deletion threshold");
        assertThat(lookup("#pendingDeletes").queryTableView().getItems()).hasSize(3);
        WizardUiTest.snapshot(scene, "24-complete-deletes-waiting");
        clickOn("#approveDeletes");
        assertThat(services.approvedRuns).hasSize(1);
        assertThat(text("#count-deleted")).isEqualTo("3");
        assertThat(visible("#approvalHeadline")).isFalse();
        WizardUiTest.snapshot(scene, "25-complete-deletes-approved");
    }

    @Test
    void cancelAsksBeforeDiscardingUnsavedChanges() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        open(services);
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#writebackCheck");
        clickOn("#warningKeep");
        clickOn("#cancel");
        assertThat(visible("#cancelConfirmation")).isTrue();
        assertThat(window.isShowing()).isTrue();
        WizardUiTest.snapshot(scene, "26-cancel-confirmation");
        clickOn("#cancelKeep");
        assertThat(visible("#cancelConfirmation")).isFalse();
        assertThat(shell.state().disableModeProperty().get()).isEqualTo(WizardState.DisableMode.KEEP_GROUPS);
        assertThat(window.isShowing()).isTrue();

        clickOn("#cancel");
        clickOn("#cancelDiscard");
        assertThat(window.isShowing()).isFalse();
        assertThat(services.saved).isNull();
    }

    @Test
    void cancelWithoutChangesClosesAtOnce() throws Exception {
        open(FakeWizardServices.configured());
        clickOn("#task-CUSTOMIZE");
        clickOn("#next");
        clickOn("#cancel");
        assertThat(window.isShowing()).isFalse();
    }
}
