package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.FakeWizardServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real application class with the real background {@link TaskRunner}: the scheduler is suspended while
 * the window is open, and a sign-in that waits for the administrator keeps the window responsive.
 */
class WizardAppTest extends FxRobot {

    /** Signs in only when the test lets it, like an admin typing the device code on a phone. */
    static final class SlowSignIn extends FakeWizardServices {
        final CountDownLatch adminDone = new CountDownLatch(1);

        @Override
        public TenantInfo signIn(String authority, String clientId, Consumer<DeviceCode> prompt)
                throws CloudException {
            return super.signIn(authority, clientId, code -> {
                prompt.accept(code);
                try {
                    adminDone.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private Application app;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void theSchedulerIsSuspendedWhileTheWizardIsOpenAndSignInRunsInTheBackground() throws Exception {
        SlowSignIn services = new SlowSignIn();
        WizardApp.configure(services, true);
        app = FxToolkit.setupApplication(WizardApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(services.suspended).isEqualTo(1);
        assertThat(services.resumed).isZero();

        clickOn("#next");
        clickOn("#signInClientId").write("9d2a6c1e-5b7f-4e3a-8f01-3c4d5e6f7a8b");
        // Device code: the sign-in that waits for the administrator on another device.
        clickOn("#useDeviceCode");
        // The FX thread stays free while the sign-in waits: the device code shows up and Next stays blocked.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> "HX4K-7QPL".equals(lookup("#userCode").queryAs(TextInputControl.class).getText()));
        assertThat(lookup("#next").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(lookup("#reason").queryLabeled().getText()).isEqualTo("Waiting for the sign-in to complete\u2026");
        Scene scene = Window.getWindows().stream().filter(w -> w instanceof Stage).map(Window::getScene)
                .filter(s -> s != null && s.lookup("#userCode") != null).findFirst().orElseThrow();
        WizardUiTest.snapshot(scene, "02a-device-code");

        services.adminDone.countDown();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> lookup("#tenantStatus").queryAs(Labeled.class).getText().contains("Contoso"));
        assertThat(lookup("#next").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(lookup("#pageTitle").queryLabeled().getText()).isEqualTo("Connect to Microsoft Entra ID");

        FxToolkit.cleanupApplication(app);
        app = null;
        assertThat(services.resumed).isEqualTo(1);
    }
}
