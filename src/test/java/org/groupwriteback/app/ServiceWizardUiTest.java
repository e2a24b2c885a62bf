package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.service.ControlClient;
import org.groupwriteback.service.ControlRequest;
import org.groupwriteback.service.ControlResponse;
import org.groupwriteback.service.EngineService;
import org.groupwriteback.service.UnixSocketTransport;
import org.groupwriteback.wizard.WizardServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard application (headless, real services) on a data directory a running {@code gwb service} owns:
 * the scheduler is suspended while the window is open, the changed configuration is applied through the
 * service and the first cycle's progress comes from it, the status page follows the service, and the scheduler
 * is resumed when the window closes.
 */
class ServiceWizardUiTest extends FxRobot {
    @TempDir
    Path tmp;

    private DemoEnvironment env;
    private EngineService service;
    private EngineWizardServices services;
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
        if (services != null) {
            services.close();
        }
        if (service != null) {
            service.close();
        }
        if (env != null) {
            env.close();
        }
    }

    private static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition)
            throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting for " + what);
        }
    }

    private String text(String id) {
        return lookup(id).queryLabeled().getText();
    }

    /** {@code services}, with the progress lines its cycles pass to the configuring page also added to {@code lines}. */
    @SuppressWarnings("unchecked")
    private static WizardServices recordingProgress(WizardServices services, List<String> lines) {
        return (WizardServices) Proxy.newProxyInstance(WizardServices.class.getClassLoader(),
                new Class<?>[] {WizardServices.class}, (proxy, method, args) -> {
                    if (method.getName().equals("runSync") && args != null && args.length == 1) {
                        Consumer<String> page = (Consumer<String>) args[0];
                        args = new Object[] {(Consumer<String>) line -> {
                            lines.add(line);
                            page.accept(line);
                        }};
                    }
                    try {
                        return method.invoke(services, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void theWizardOnARunningServiceSuspendsItsSchedulerAppliesThroughItAndFollowsIt() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, tmp.resolve("env"));
        Path data = tmp.resolve("data");
        DataDirectory directory = DataDirectory.at(data);
        SyncConfiguration c = env.configuration();
        try (EngineWizardServices first = new EngineWizardServices(data, new ProductConnectors(), null)) {
            first.saveConfiguration(new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(), c.groupWriteback(),
                    c.deletionThreshold(), new SyncConfiguration.Scheduler(true, 30)),
                    new WizardServices.SaveRequest(env.directory().bindPassword().toCharArray(), false, true));
        }
        service = new EngineService(Engine.open(data, directory::load, new ProductConnectors()), directory,
                Clock.systemUTC());
        service.start(Duration.ofSeconds(1), new UnixSocketTransport(data));
        ControlClient client = ControlClient.find(data).orElseThrow();
        // the service's first scheduled cycle runs at once
        waitUntil("the first scheduled cycle", () -> client.call(new ControlRequest.Runs(5))
                instanceof ControlResponse.Runs r && r.runs().size() == 1 && !service.status().cycleRunning());

        services = new EngineWizardServices(data, new ProductConnectors(), null);
        List<String> details = new CopyOnWriteArrayList<>();
        WizardApp.configure(recordingProgress(services, details), false);
        app = FxToolkit.setupApplication(WizardApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil("the scheduler suspended", () -> service.scheduler().suspended());
        assertThat(service.scheduler().leaseEnds()).isPresent();

        // switch writeback off keeping the groups: applied by the service, then a cycle run there
        clickOn("#task-TOGGLE_WRITEBACK");
        clickOn("#next");
        clickOn("#writebackCheck");
        clickOn("#warningKeep");
        clickOn("#next");
        clickOn("#next");
        waitUntil("configuration complete", () -> lookup("#outcomeDetail").tryQueryAs(Label.class)
                .map(l -> l.getText().contains("first synchronization cycle completed")).orElse(false));
        assertThat(ConfigurationJson.read(directory.configurationFile()).groupWriteback().enabled()).isFalse();
        assertThat(details).as("progress lines of the cycle the service ran")
                .anySatisfy(d -> assertThat(d).contains("run 2"));
        assertThat(service.status().lastRun().id()).isEqualTo(2);
        assertThat(service.scheduler().suspended()).as("still suspended while the wizard is open").isTrue();


        clickOn("#next"); // Exit
        FxToolkit.cleanupApplication(app);
        app = null;
        assertThat(service.scheduler().suspended()).as("resumed when the wizard closes").isFalse();

        // opened again: the status page shows the service and follows it
        services.close();
        services = new EngineWizardServices(data, new ProductConnectors(), null);
        WizardApp.configure(services, false);
        app = FxToolkit.setupApplication(WizardApp.class);
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil("the scheduler suspended again", () -> service.scheduler().suspended());
        clickOn("#task-SYNC_STATUS");
        clickOn("#next");
        waitUntil("the service on the status page", () -> text("#serviceState").contains("Last run: run 2"));
        assertThat(text("#serviceState")).contains("The background service runs (pid "
                + ProcessHandle.current().pid() + ")", "suspended while the wizard is open");
        TableView<?> runs = lookup("#runs").queryAs(TableView.class);
        assertThat(runs.getItems()).hasSize(2);
        client.call(new ControlRequest.Sync(Policy.DELTA, false, 0, false));
        waitUntil("the status page showing run 3", () -> runs.getItems().size() == 3
                && text("#serviceState").contains("Last run: run 3"));
    }
}
