package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.groupwriteback.wizard.DeferredExecutor;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.Page;
import org.groupwriteback.wizard.TaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Connect to Entra ID and Engine identity pages clicked headless against {@link FakeWizardServices}. */
class ConnectPagesUiTest extends FxRobot {
    private static final String SIGN_IN_APP = "9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b";
    private WizardShell shell;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private void open(FakeWizardServices services, TaskExecutor runner) throws TimeoutException {
        FxToolkit.setupStage((Stage stage) -> {
            shell = new WizardShell(services, runner, Messages.load(), false, stage::hide);
            scene = WizardApp.createScene(shell);
            stage.setScene(scene);
            stage.setWidth(WizardShell.WIDTH);
            stage.setHeight(WizardShell.HEIGHT);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        clickOn("#next");
        assertThat(shell.pageProperty().get()).isEqualTo(Page.CONNECT_CLOUD);
    }

    private String text(String id) {
        return lookup(id).queryLabeled().getText();
    }

    /** Whether {@code id} and every node above it are visible and laid out. */
    private boolean shown(String id) {
        for (Node n = lookup(id).query(); n != null; n = n.getParent()) {
            if (!n.isVisible() || !n.isManaged()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void withoutABrowserThePageSaysSoAndSignsInWithADeviceCode() throws Exception {
        FakeWizardServices services = new FakeWizardServices();
        services.browser = false;
        open(services, TaskExecutor.sameThread());
        assertThat(shown("#noBrowser")).isTrue();
        assertThat(shown("#useDeviceCode")).isFalse();
        assertThat(shown("#useBrowser")).isFalse();
        assertThat(lookup("#signIn").queryButton().getText()).endsWith("Sign in with a device code\u2026");
        clickOn("#signInClientId").write(SIGN_IN_APP);
        clickOn("#signIn");
        assertThat(text("#tenantStatus")).contains("Contoso");
        assertThat(services.browserSignIns).isZero();
        WizardUiTest.snapshot(scene, "connect-no-browser");
    }

    @Test
    void aWaitingBrowserSignInShowsWhatItWaitsForAndCanBeCancelled() throws Exception {
        FakeWizardServices services = new FakeWizardServices();
        DeferredExecutor runner = new DeferredExecutor();
        open(services, runner);
        assertThat(shown("#noBrowser")).isFalse();
        clickOn("#signInClientId").write(SIGN_IN_APP);
        clickOn("#signIn");
        assertThat(text("#signInProgress")).startsWith("Your browser shows the Microsoft sign-in page");
        assertThat(lookup("#signIn").queryButton().isDisabled()).isTrue();
        assertThat(lookup("#next").queryAs(Button.class).isDisabled()).isTrue();
        WizardUiTest.snapshot(scene, "connect-waiting-for-browser");

        clickOn("#cancelSignIn");
        assertThat(services.cancels).isEqualTo(1);
        assertThat(text("#cloudError")).isEqualTo("The sign-in was cancelled. Sign in again to continue.");
        assertThat(shown("#signInProgress")).isFalse();
        interact(runner::runNext);
        assertThat(shown("#tenantStatus")).isFalse();

        clickOn("#useDeviceCode");
        assertThat(lookup("#signIn").queryButton().getText()).contains("device code");
        interact(runner::runNext);
        assertThat(text("#tenantStatus")).contains("Contoso");
        assertThat(lookup("#next").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void anExistingAppWithoutAPermissionIsNamedAndNextStaysBlocked() throws Exception {
        FakeWizardServices services = new FakeWizardServices();
        open(services, TaskExecutor.sameThread());
        clickOn("#signInClientId").write(SIGN_IN_APP);
        clickOn("#signIn");
        clickOn("#next");
        assertThat(shell.pageProperty().get()).isEqualTo(Page.ENGINE_IDENTITY);
        clickOn("#existingIdentity");
        clickOn("#clientId").write(FakeWizardServices.NO_USER_READ_APP);
        clickOn("#kindSecret");
        assertThat(shown("#certificateFile")).isFalse();
        clickOn("#clientSecretFile").write("/etc/gwb/client-secret");
        clickOn("#testCredential");
        assertThat(text("#identityError")).contains("lacks the application permission User.Read.All");
        assertThat(lookup("#next").queryAs(Button.class).isDisabled()).isTrue();
        WizardUiTest.snapshot(scene, "identity-missing-permission");

        clickOn("#kindCertificate");
        assertThat(shown("#clientSecretFile")).isFalse();
        assertThat(text("#reason")).isEqualTo("Choose the certificate file and its password file.");
    }
}
