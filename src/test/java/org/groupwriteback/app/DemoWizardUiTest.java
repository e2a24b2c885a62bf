package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextInputControl;
import org.groupwriteback.demo.tenant.LoopbackBrowser;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.wizard.identity.EngineIdentityViewModel;
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
 * with the cloud groups written into the directory: once with the browser sign-in and the engine identity the
 * wizard creates (certificate credential), once with the device code and the demo's existing app (secret).
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

    private void open() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, tmp.resolve("env"));
        env.tenant().setReplicationDelay(Duration.ofSeconds(6));
        services = new EngineWizardServices(tmp.resolve("data"), new ProductConnectors(),
                new WizardServices.FirstRunDraft(env.configuration(), env.directory().bindPassword(),
                        env.tenant().publicClientId()),
                new LoopbackBrowser(LocalCertificateAuthority.clientSslContextFromPem(env.tenant().caCertificate())));
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
    }

    private void set(String id, String text) {
        TextInputControl field = lookup(id).queryAs(TextInputControl.class);
        interact(() -> field.setText(text));
    }

    @Test
    void theDemoFirstRunSignsInCreatesTheEngineIdentityAndRunsTheFirstCycleWithItsCertificate() throws Exception {
        open();
        int before = writtenBack().size();

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.CONNECT_CLOUD);
        assertThat(lookup("#signInClientId").queryAs(TextInputControl.class).getText())
                .isEqualTo(env.tenant().publicClientId());
        clickOn("#signIn");
        assertThat(text("#tenantStatus")).contains("Fabrikam", env.tenant().tenantId());
        assertThat(env.tenant().requestCount("code_challenge_method=S256")).isEqualTo(1);
        WizardUiTest.snapshot(scene, "demo-02-connect-entra-id");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.ENGINE_IDENTITY);
        assertThat(lookup("#createIdentity").queryAs(RadioButton.class).isSelected()).isTrue();
        assertThat(nextDisabled()).isTrue();
        EngineIdentityViewModel identity = (EngineIdentityViewModel) shell.model(Page.ENGINE_IDENTITY);
        List<String> countdown = new CopyOnWriteArrayList<>();
        identity.countdownProperty().addListener((o, a, b) -> countdown.add(b));
        clickOn("#createApp");
        assertThat(text("#identityCreated")).startsWith("The engine's identity is ready");
        assertThat(countdown).anyMatch(c -> c.startsWith("Waiting for the new certificate to replicate: next try"));
        assertThat(lookup("#identitySteps").queryListView().getItems())
                .anyMatch(i -> i.toString().startsWith("Application 'Group writeback engine'"))
                .anyMatch(i -> i.toString().startsWith("Granted Group.Read.All"))
                .anyMatch(i -> i.toString().startsWith("Client-credentials sign-in with the certificate works"));
        assertThat(text("#identityUndo")).contains("gwb app remove --admin-client-id " + env.tenant().publicClientId());
        assertThat(nextDisabled()).isFalse();
        assertThat(env.tenant().createdApplicationCount()).isEqualTo(1);
        WizardUiTest.snapshot(scene, "demo-02b-engine-identity-created");

        clickOn("#existingIdentity");
        assertThat(lookup("#kindCertificate").queryAs(RadioButton.class).isSelected()).isTrue();
        clickOn("#testCredential");
        assertThat(text("#credentialResult")).startsWith("The credential works");
        clickOn("#createIdentity");

        throughTheDirectoryPagesToReady();
        assertThat(lookup("#readyIdentity").queryListView().getItems())
                .anyMatch(i -> i.toString().startsWith("Granted User.Read.All"));
        WizardUiTest.snapshot(scene, "demo-08-ready-to-configure");
        configureAndSeeTheGroups(before);

        SyncConfiguration saved = services.currentConfiguration().orElseThrow();
        assertThat(saved.cloud().authority()).isEqualTo(env.tenant().authority())
                .endsWith("/" + env.tenant().tenantId());
        assertThat(saved.cloud().clientId()).isNotEqualTo(env.tenant().clientId())
                .isEqualTo(shell.state().clientIdProperty().get());
        assertThat(saved.cloud().credential().secretFile()).isNull();
        assertThat(Path.of(saved.cloud().credential().certificateFile())).exists();
        assertThat(Files.readString(DataDirectory.at(tmp.resolve("data")).configurationFile()))
                .doesNotContain(env.tenant().clientSecret());
    }

    @Test
    void theDemoFirstRunWithADeviceCodeAndAnExistingAppTestsItsSecretBeforeNext() throws Exception {
        open();
        int before = writtenBack().size();
        clickOn("#next");
        clickOn("#useDeviceCode");
        assertThat(text("#tenantStatus")).contains("Fabrikam", env.tenant().tenantId());
        assertThat(lookup("#signIn").queryButton().getText()).contains("device code");

        clickOn("#next");
        assertThat(page()).isEqualTo(Page.ENGINE_IDENTITY);
        clickOn("#existingIdentity");
        assertThat(lookup("#clientId").queryAs(TextInputControl.class).getText()).isEqualTo(env.tenant().clientId());
        assertThat(lookup("#kindSecret").queryAs(RadioButton.class).isSelected()).isTrue();
        String secretFile = lookup("#clientSecretFile").queryAs(TextInputControl.class).getText();
        Path wrong = tmp.resolve("wrong-secret");
        DataDirectory.writeSecretFile(wrong, "not-the-secret".toCharArray());
        set("#clientSecretFile", wrong.toString());
        assertThat(text("#reason")).isEqualTo("Test the credential to continue.");
        clickOn("#testCredential");
        assertThat(text("#identityError")).startsWith("The credential test failed:").contains("AADSTS");
        assertThat(nextDisabled()).isTrue();
        WizardUiTest.snapshot(scene, "demo-02c-existing-app-wrong-secret");

        set("#clientSecretFile", secretFile);
        clickOn("#testCredential");
        assertThat(text("#credentialResult")).startsWith("The credential works");
        assertThat(nextDisabled()).isFalse();
        WizardUiTest.snapshot(scene, "demo-02d-existing-app-tested");

        throughTheDirectoryPagesToReady();
        configureAndSeeTheGroups(before);
        SyncConfiguration saved = services.currentConfiguration().orElseThrow();
        assertThat(saved.cloud().authority()).isEqualTo(env.tenant().authority());
        assertThat(saved.cloud().clientId()).isEqualTo(env.tenant().clientId());
        assertThat(saved.cloud().credential().secretFile()).isEqualTo(secretFile);
        assertThat(env.tenant().createdApplicationCount()).isZero();
    }

    private void throughTheDirectoryPagesToReady() throws Exception {
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
    }

    private void configureAndSeeTheGroups(int before) throws Exception {
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
