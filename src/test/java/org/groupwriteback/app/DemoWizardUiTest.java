package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.Page;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code gwb demo} clicked through headless with the REAL services: the tenant emulator, the in-memory directory
 * and the engine in this process. A first run prefilled with the demo's endpoints ends at "Configuration complete"
 * with the cloud groups written into the directory.
 */
class DemoWizardUiTest extends FxRobot {
    @TempDir
    Path tmp;

    private DemoEnvironment env;
    private EngineWizardServices services;
    private WizardShell shell;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
        if (services != null) {
            services.close();
        }
        if (env != null) {
            env.close();
        }
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

    private List<SearchResultEntry> writtenBack() throws Exception {
        try (LDAPConnection c = env.directory().connection()) {
            String target = env.configuration().groupWriteback().targetOu();
            return c.search(target, SearchScope.ONE, Filter.createANDFilter(
                    Filter.createEqualityFilter("objectClass", "group"),
                    Filter.createSubstringFilter("adminDescription", "Group_", null, null)), "cn")
                    .getSearchEntries();
        }
    }

    @Test
    void theDemoFirstRunClicksThroughToConfigurationCompleteAndTheGroupsAppear() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, tmp.resolve("env"));
        services = new EngineWizardServices(tmp.resolve("data"), new ProductConnectors(),
                new WizardServices.FirstRunDraft(env.configuration(), env.directory().bindPassword()));
        int before = writtenBack().size();
        FxToolkit.setupStage((Stage stage) -> {
            shell = new WizardShell(services, TaskExecutor.sameThread(), Messages.load(), true, stage::hide);
            scene = WizardApp.createScene(shell);
            stage.setScene(scene);
            stage.setWidth(WizardShell.WIDTH);
            stage.setHeight(WizardShell.HEIGHT);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(page()).isEqualTo(Page.WELCOME);

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONNECT_CLOUD);
        clickOn("#signIn");
        assertThat(text("#tenantStatus")).contains("Fabrikam", env.tenant().tenantId());
        WizardUiTest.snapshot(scene, "demo-02-connect-entra-id");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONNECT_DIRECTORY);
        clickOn("#testConnection");
        assertThat(text("#directoryResult")).startsWith("Connected to");
        WizardUiTest.snapshot(scene, "demo-03-connect-directories");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.OU_FILTER);
        assertThat(nextDisabled()).isFalse();
        WizardUiTest.snapshot(scene, "demo-04-domain-ou-filtering");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.OPTIONAL_FEATURES);
        assertThat(lookup("#writebackCheck").queryAs(CheckBox.class).isSelected()).isTrue();

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.GROUP_WRITEBACK);
        assertThat(shell.state().targetOuProperty().get()).isEqualTo(env.configuration().groupWriteback().targetOu());
        assertThat(nextDisabled()).isFalse();
        WizardUiTest.snapshot(scene, "demo-06-group-writeback");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.GROUP_SETTINGS);
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> !lookup("#groups").queryTableView().getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#offer").query().isVisible()).isTrue();
        WizardUiTest.snapshot(scene, "demo-06b-group-writeback-settings");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.PERMISSIONS);
        clickOn("#powershell");
        clickOn("#verify");
        assertThat(text("#permissionsResult")).startsWith("The sync account has every right");
        assertThat(nextDisabled()).isFalse();
        WizardUiTest.snapshot(scene, "demo-07-permissions");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.READY);
        WizardUiTest.snapshot(scene, "demo-08-ready-to-configure");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONFIGURING);
        assertThat(text("#pageTitle")).isEqualTo("Configuration complete");
        WizardUiTest.snapshot(scene, "demo-09-configuration-complete");
        List<SearchResultEntry> groups = writtenBack();
        assertThat(groups.size() - before).isPositive();
        assertThat(text("#count-added")).isEqualTo(Integer.toString(groups.size() - before));
        assertThat(services.currentConfiguration()).isPresent();
    }
}
