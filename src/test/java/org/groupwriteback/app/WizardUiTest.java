package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeCell;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.Page;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard clicked through headless (Monocle) against {@link FakeWizardServices}; every page visited is
 * saved as a PNG under {@code target/screenshots/}.
 */
class WizardUiTest extends FxRobot {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private WizardShell shell;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws TimeoutException, IOException {
        FxToolkit.registerPrimaryStage();
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private void open(FakeWizardServices services) throws TimeoutException {
        FxToolkit.setupStage((Stage stage) -> {
            shell = new WizardShell(services, TaskExecutor.sameThread(), Messages.load(), false, stage::hide);
            scene = WizardApp.createScene(shell);
            stage.setScene(scene);
            stage.setWidth(WizardShell.WIDTH);
            stage.setHeight(WizardShell.HEIGHT);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shot(String name) throws Exception {
        snapshot(scene, name);
    }

    /** Saves {@code scene} as {@code target/screenshots/<name>.png}. */
    static void snapshot(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(SHOTS);
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", SHOTS.resolve(name + ".png").toFile());
    }

    private void set(String id, String text) {
        TextInputControl field = lookup(id).queryAs(TextInputControl.class);
        interact(() -> field.setText(text));
    }

    private String text(String id) {
        return lookup(id).queryLabeled().getText();
    }

    private boolean nextDisabled() {
        return lookup("#next").queryAs(Button.class).isDisabled();
    }

    private Page page() {
        return shell.pageProperty().get();
    }

    private void signInAndConnect() {
        clickOn("#next");
        clickOn("#signInClientId").write("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        clickOn("#signIn");
        clickOn("#next");
        clickOn("#createApp");
        clickOn("#next");
        set("#ldapUrl", "ldaps://dc1.fabrikam.local");
        set("#bindDn", FakeWizardServices.BIND_DN);
        set("#password", FakeWizardServices.PASSWORD);
    }

    private Node treeCheckBox(String name) {
        TreeCell<?> cell = lookup(".tree-cell").match((TreeCell<?> c) -> c.getItem() != null
                && name.equals(c.getItem().toString())).query();
        return cell.lookup(".check-box");
    }

    @Test
    void firstRunEnablesWritebackThroughToConfigurationComplete() throws Exception {
        FakeWizardServices services = new FakeWizardServices();
        open(services);
        assertThat(page()).isEqualTo(Page.WELCOME);
        shot("01-welcome");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONNECT_CLOUD);
        assertThat(nextDisabled()).isTrue();
        assertThat(text("#reason")).isEqualTo("Enter the application (client) ID to sign in with.");
        clickOn("#signInClientId").write("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        clickOn("#signIn");
        assertThat(text("#tenantStatus")).contains("Contoso", FakeWizardServices.TENANT.tenantId());
        assertThat(nextDisabled()).isFalse();
        shot("02-connect-entra-id");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.ENGINE_IDENTITY);
        assertThat(text("#reason")).isEqualTo("Create the engine's application to continue.");
        clickOn("#createApp");
        assertThat(text("#identityCreated")).startsWith("The engine's identity is ready");
        assertThat(nextDisabled()).isFalse();
        shot("02b-engine-identity-created");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONNECT_DIRECTORY);
        set("#ldapUrl", "ldaps://dc1.fabrikam.local");
        set("#bindDn", FakeWizardServices.BIND_DN);
        clickOn("#password").write(FakeWizardServices.PASSWORD);
        clickOn("#testConnection");
        assertThat(text("#directoryResult")).startsWith("Connected to dc1.fabrikam.local");
        shot("03-connect-directories");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.OU_FILTER);
        clickOn(treeCheckBox("Servers"));
        assertThat(shell.state().excluded()).containsExactly(FakeWizardServices.SERVERS);
        shot("04-domain-ou-filtering");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.OPTIONAL_FEATURES);
        assertThat(lookup("#writebackCheck").queryAs(CheckBox.class).isSelected()).isTrue();
        shot("05-optional-features");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.GROUP_WRITEBACK);
        assertThat(nextDisabled()).isTrue();
        clickOn("Cloud Groups");
        assertThat(lookup("#targetOu").queryAs(TextInputControl.class).getText())
                .isEqualTo(FakeWizardServices.CLOUD_GROUPS);
        clickOn("#dnWithDisplayName");
        assertThat(nextDisabled()).isFalse();
        shot("06-group-writeback");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.GROUP_SETTINGS);
        assertThat(nextDisabled()).isFalse();
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.PERMISSIONS);
        clickOn("#verify");
        assertThat(text("#permissionsResult")).isEqualTo("3 rights are missing:");
        assertThat(lookup("#missingRights").queryListView().getItems()).hasSize(3);
        shot("07a-permissions-missing");
        clickOn("#powershell");
        assertThat(lookup("#script").queryAs(TextInputControl.class).getText()).contains("dsacls",
                FakeWizardServices.CLOUD_GROUPS);
        assertThat(nextDisabled()).isFalse();
        shot("07b-permissions-powershell");
        clickOn("#grantNow");
        assertThat(nextDisabled()).isTrue();
        set("#adminDn", "CN=Administrator,CN=Users,DC=fabrikam,DC=local");
        clickOn("#adminPassword").write(FakeWizardServices.ADMIN_PASSWORD);
        clickOn("#grant");
        assertThat(text("#permissionsResult")).startsWith("The sync account has every right");
        shot("07-permissions");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.READY);
        assertThat(lookup("#next").queryAs(Button.class).getText()).isEqualTo("_Configure");
        assertThat(text("#readyCreates")).isEqualTo("Turning group writeback on creates 10 Microsoft 365 groups"
                + " and 4 security groups in Active Directory.");
        assertThat(services.saved).as("previewed before the first save").isNull();
        assertThat(services.previewPasswords).containsExactly(FakeWizardServices.PASSWORD);
        shot("08-ready-to-configure");
        clickOn("#tabPreview");
        assertThat(lookup("#previewTable").queryTableView().getItems()).hasSize(30);
        shot("08b-ready-preview");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONFIGURING);
        assertThat(text("#pageTitle")).isEqualTo("Configuration complete");
        assertThat(text("#count-added")).isEqualTo("12");
        assertThat(text("#count-membersAdded")).isEqualTo("148");
        assertThat(services.saved.groupWriteback().targetOu()).isEqualTo(FakeWizardServices.CLOUD_GROUPS);
        assertThat(services.saved.groupWriteback().dnWithDisplayName()).isTrue();
        assertThat(services.saved.ouFilter().excluded()).containsExactly(FakeWizardServices.SERVERS);
        assertThat(services.syncRuns).isEqualTo(1);
        assertThat(lookup("#previous").queryAs(Button.class).isDisabled()).isTrue();
        shot("09-configuration-complete");
    }

    @Test
    void anOuOutsideTheFilterBlocksNextWithTheValidatorsMessage() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        open(services);
        shot("00-tasks");
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.GROUP_WRITEBACK);
        assertThat(nextDisabled()).isFalse();
        javafx.scene.control.TreeView<?> targets = lookup("#targetTree").query();
        assertThat(targets.getSelectionModel().getSelectedItem().getValue()).hasToString("Cloud Groups");
        set("#targetOu", FakeWizardServices.SERVERS);
        assertThat(nextDisabled()).isTrue();
        assertThat(text("#targetError")).contains(FakeWizardServices.SERVERS, "outside the OU filter",
                "excluded: " + FakeWizardServices.SERVERS);
        assertThat(text("#reason")).startsWith("Fix the target OU");
        assertThat(targets.getSelectionModel().getSelectedItem().getValue()).hasToString("Servers");
        assertThat(lookup("#moveNote").query().isVisible()).isFalse();
        shot("10-target-outside-filter");
        clickOn("Corp");
        set("#targetOu", FakeWizardServices.SALES);
        assertThat(nextDisabled()).isFalse();
        assertThat(text("#moveNote")).startsWith("14 groups will be moved");
        shot("10b-target-moves");
    }

    @Test
    void theNamingExampleFollowsTheCheckBox() throws Exception {
        open(FakeWizardServices.configured());
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#next");
        assertThat(text("#exampleDn")).isEqualTo("CN=Group_" + FakeWizardServices.SAMPLE_ID + ","
                + FakeWizardServices.CLOUD_GROUPS);
        clickOn("#dnWithDisplayName");
        assertThat(text("#exampleDn")).isEqualTo("CN=Sales Team EMEA_2f6a0d9b47e1," + FakeWizardServices.CLOUD_GROUPS);
        clickOn("#dnWithDisplayName");
        assertThat(text("#exampleDn")).startsWith("CN=Group_");
    }

    @Test
    void disablingWritebackWarnsWithTheGroupsAndNoChangesNothing() throws Exception {
        open(FakeWizardServices.configured());
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.OPTIONAL_FEATURES);
        clickOn("#writebackCheck");
        assertThat(lookup("#deletionWarning").query().isVisible()).isTrue();
        assertThat(text("#warningText")).startsWith("Disabling group writeback will delete the groups");
        assertThat(text("#warningCount")).isEqualTo("14 groups will be deleted:");
        assertThat(text("#warningNames")).isEqualTo(
                "Sales Team EMEA, Marketing, Project Falcon, Finance Approvers, HR Business Partners and 9 more");
        assertThat(nextDisabled()).isTrue();
        shot("11-deletion-warning");
        clickOn("#warningShowAll");
        assertThat(lookup("#warningAll").query().isVisible()).isTrue();
        shot("11b-deletion-warning-all");

        clickOn("#warningNo");
        assertThat(lookup("#deletionWarning").query().isVisible()).isFalse();
        assertThat(lookup("#writebackCheck").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(shell.state().writebackEnabledProperty().get()).isTrue();
        assertThat(shell.state().disableModeProperty().get()).isNull();

        clickOn("#writebackCheck");
        clickOn("#warningYes");
        assertThat(shell.state().writebackEnabledProperty().get()).isFalse();
        assertThat(shell.state().disableModeProperty().get()).isEqualTo(WizardState.DisableMode.DELETE_GROUPS);
        assertThat(lookup("#rail-GROUP_WRITEBACK").tryQuery()).isEmpty();
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.READY);
        shot("12-ready-disable-writeback");
    }

    @Test
    void keepingTheGroupsReleasesThemWhenConfigured() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        open(services);
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#writebackCheck");
        clickOn("#warningKeep");
        assertThat(shell.state().disableModeProperty().get()).isEqualTo(WizardState.DisableMode.KEEP_GROUPS);
        shot("13-keep-groups");
        clickOn("#next");
        clickOn("#startSync");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONFIGURING);
        assertThat(services.saved.groupWriteback().enabled()).isFalse();
        assertThat(services.savedRequest.releaseManagedGroups()).isTrue();
        assertThat(services.syncRuns).isZero();
    }

    @Test
    void aFailedConnectionTestShowsWhyAndKeepsNextBlocked() throws Exception {
        open(new FakeWizardServices());
        signInAndConnect();
        set("#password", "not the password");
        clickOn("#testConnection");
        assertThat(text("#directoryResult")).startsWith("Could not connect: Invalid credentials for "
                + FakeWizardServices.BIND_DN);
        assertThat(nextDisabled()).isTrue();
        assertThat(text("#reason")).startsWith("The connection test failed");
        shot("14-connection-failed");
        set("#ldapUrl", "ldaps://unreachable.fabrikam.local");
        set("#caCertificate", "/etc/gwb/new-ca.pem");
        clickOn("#testConnection");
        assertThat(text("#directoryResult")).startsWith("Compare the SHA-256 fingerprint");
        shot("15-certificate-fingerprint");
        clickOn("#trustCertificate");
        assertThat(text("#directoryResult")).contains("connection refused");
    }

    @Test
    void tasksShowTheStatusAndTheCurrentConfiguration() throws Exception {
        open(FakeWizardServices.configured());
        clickOn("#task-SYNC_STATUS");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.SYNC_STATUS);
        TableView<?> runs = lookup("#runs").queryTableView();
        assertThat(runs.getItems()).hasSize(2);
        interact(() -> runs.getSelectionModel().select(1));
        assertThat(lookup("#exportErrors").queryListView().getItems()).singleElement().asString()
                .contains("A universal group cannot have a local group as a member");
        assertThat(lookup("#next").queryAs(Button.class).getText()).isEqualTo("E_xit");
        shot("16-sync-status");
        clickOn("#previous");
        clickOn("#task-VIEW_CONFIGURATION");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CURRENT_CONFIGURATION);
        assertThat(lookup("#currentConfiguration").lookup(FakeWizardServices.CLOUD_GROUPS).tryQuery()).isPresent();
        shot("17-current-configuration");
    }

    private void toggleTaskToReady() {
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#next");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.GROUP_SETTINGS);
        clickOn("#next");
        clickOn("#verify");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.READY);
    }

    @Test
    void exportErrorsOfTheFirstCycleAreListedWithWhatToDo() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        services.nextRunErrors = java.util.List.of(
                "CN=Project Falcon_0d9b47e1a2c3,OU=Cloud Groups,DC=fabrikam,DC=local: A universal group cannot "
                        + "have a local group as a member (CN=Local Admins,CN=Users,DC=fabrikam,DC=local)",
                "Contoso All Staff: 61,204 members exceed the member limit of 50,000; not written back");
        open(services);
        toggleTaskToReady();
        clickOn("#next");
        assertThat(text("#pageTitle")).isEqualTo("Configuration complete");
        assertThat(text("#outcomeDetail")).contains("2 export errors", "fix them in Active Directory");
        assertThat(lookup("#problems").queryListView().getItems()).hasSize(2);
        assertThat(text("#count-exportErrors")).isEqualTo("2");
        shot("18-complete-with-export-errors");
    }

    @Test
    void aFailedFirstCycleSaysWhatToDoAndCanBeRetried() throws Exception {
        FakeWizardServices services = FakeWizardServices.configured();
        services.nextRunFailure = "dc1.fabrikam.local:636 stopped answering (server down): check the domain "
                + "controller, then retry";
        open(services);
        toggleTaskToReady();
        clickOn("#next");
        assertThat(text("#pageTitle")).isEqualTo("Configuration failed");
        assertThat(text("#outcomeDetail")).contains("configuration is saved", "Retry", "gwb sync");
        assertThat(lookup("#problems").queryListView().getItems()).singleElement().asString()
                .contains("server down");
        shot("19-first-cycle-failed");
        clickOn("#retry");
        assertThat(text("#pageTitle")).isEqualTo("Configuration complete");
        assertThat(services.syncRuns).isEqualTo(2);
    }

    @Test
    void customizeLoadsTheCurrentConfigurationIntoThePages() throws Exception {
        open(FakeWizardServices.configured());
        clickOn("#task-CUSTOMIZE");
        clickOn("#next");
        assertThat(lookup("#authority").queryAs(TextInputControl.class).getText())
                .isEqualTo("https://login.microsoftonline.com/" + FakeWizardServices.TENANT.tenantId());
        clickOn("#signInClientId").write("00000000-0000-0000-0000-0000000057a1");
        clickOn("#signIn");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.ENGINE_IDENTITY);
        assertThat(lookup("#clientId").queryAs(TextInputControl.class).getText())
                .isEqualTo("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        assertThat(text("#reason")).isEqualTo("Test the credential to continue.");
        clickOn("#testCredential");
        clickOn("#next");
        assertThat(lookup("#ldapUrl").queryAs(TextInputControl.class).getText()).isEqualTo("ldaps://dc1.fabrikam.local");
        assertThat(text("#reason")).isEqualTo("Enter the password of the bind account.");
        clickOn("#password").write(FakeWizardServices.PASSWORD);
        clickOn("#testConnection");
        clickOn("#next");
        assertThat(page()).isEqualTo(Page.OU_FILTER);
        CheckBox servers = (CheckBox) treeCheckBox("Servers");
        CheckBox domain = (CheckBox) treeCheckBox("fabrikam.local");
        assertThat(servers.isSelected()).isFalse();
        assertThat(domain.isIndeterminate()).isTrue();
        assertThat(((CheckBox) treeCheckBox("Cloud Groups")).isSelected()).isTrue();
        shot("20-customize-ou-filter");
        clickOn(treeCheckBox("Servers"));
        assertThat(shell.state().excluded()).isEmpty();
        assertThat(domain.isIndeterminate()).isFalse();
    }

    @Test
    void keyboardMnemonicsMoveThroughThePages() throws Exception {
        open(new FakeWizardServices());
        press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.N)
                .release(javafx.scene.input.KeyCode.N, javafx.scene.input.KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(page()).isEqualTo(Page.CONNECT_CLOUD);
        Label reason = lookup("#reason").queryAs(Label.class);
        assertThat(reason.isVisible()).isTrue();
    }
}
