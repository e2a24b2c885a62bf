package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.service.EngineService;
import org.groupwriteback.service.UnixSocketTransport;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardServices.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's backend on a data directory a running service owns: the scheduler is suspended by a lease while
 * the wizard is open and resumed when it closes, Customize applies the configuration through the service (no
 * lock error), the first cycle runs there with its progress, and without a service a held engine lock leaves
 * the configuration untouched.
 */
class EngineWizardServicesWithServiceTest {
    @TempDir
    Path tmp;

    private DemoEnvironment env;
    private Path data;
    private SyncConfiguration initial;

    @BeforeEach
    void start() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, tmp.resolve("env"));
        data = tmp.resolve("data");
        SyncConfiguration c = env.configuration();
        // scheduled cycles off: the test runs the cycles itself
        initial = new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(), c.groupWriteback(),
                c.deletionThreshold(), new SyncConfiguration.Scheduler(false, 30));
        try (EngineWizardServices first = services()) {
            first.saveConfiguration(initial, new WizardServices.SaveRequest(
                    env.directory().bindPassword().toCharArray(), false, true));
        }
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private EngineWizardServices services() {
        return new EngineWizardServices(data, new ProductConnectors(), null);
    }

    private EngineService service() throws Exception {
        DataDirectory directory = DataDirectory.at(data);
        Engine engine = Engine.open(data, directory::load, new ProductConnectors());
        EngineService service = new EngineService(engine, directory, Clock.systemUTC());
        service.start(Duration.ofSeconds(1), new UnixSocketTransport(data));
        return service;
    }

    @Test
    void theWizardDrivesTheRunningServiceWithoutTakingTheEngineLock() throws Exception {
        try (EngineService service = service(); EngineWizardServices wizard = services()) {
            wizard.suspendScheduler();
            for (int i = 0; i < 100 && !service.scheduler().suspended(); i++) {
                Thread.sleep(50);
            }
            assertThat(service.scheduler().suspended()).isTrue();
            assertThat(service.scheduler().leaseEnds()).isPresent();

            SyncConfiguration customized = new SyncConfiguration(initial.cloud(), initial.directory(),
                    initial.ouFilter(), initial.groupWriteback(), 42, initial.scheduler());
            wizard.saveConfiguration(customized, new WizardServices.SaveRequest(new char[0], false, false));
            assertThat(ConfigurationJson.read(data.resolve("configuration.json")).deletionThreshold()).isEqualTo(42);

            List<String> progress = Collections.synchronizedList(new ArrayList<>());
            RunSummary run = wizard.runSync(progress::add);
            assertThat(run.added()).isPositive();
            assertThat(progress).anySatisfy(line -> assertThat(line).contains("run 1"));
            assertThat(wizard.recentRuns(5)).hasSize(1).first().extracting(RunSummary::added).isEqualTo(run.added());
            assertThat(wizard.managedGroupNames()).hasSize(run.added());
            assertThat(wizard.cycleRunning()).isFalse();

            SyncConfiguration invalid = new SyncConfiguration(initial.cloud(), initial.directory(), initial.ouFilter(),
                    initial.groupWriteback(), -1, initial.scheduler());
            assertThatThrownBy(() -> wizard.saveConfiguration(invalid, new WizardServices.SaveRequest(new char[0],
                    false, false))).isInstanceOf(ConfigurationException.class).hasMessageContaining("deletionThreshold");

            wizard.resumeScheduler();
            assertThat(service.scheduler().suspended()).isFalse();
        }
    }

    @Test
    void withoutAServiceAHeldEngineLockLeavesTheConfigurationUntouched() throws Exception {
        String before = Files.readString(data.resolve("configuration.json"));
        try (Engine other = Engine.open(data, () -> initial, new ProductConnectors());
                EngineWizardServices wizard = services()) {
            SyncConfiguration customized = new SyncConfiguration(initial.cloud(), initial.directory(),
                    initial.ouFilter(), initial.groupWriteback(), 7, initial.scheduler());
            assertThatThrownBy(() -> wizard.saveConfiguration(customized, new WizardServices.SaveRequest(new char[0],
                    false, false))).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("not saved, nothing changed").hasMessageContaining("another group-writeback"
                            + " engine");
        }
        assertThat(Files.readString(data.resolve("configuration.json"))).isEqualTo(before);
    }
}
