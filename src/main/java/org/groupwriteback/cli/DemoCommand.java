package org.groupwriteback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.groupwriteback.app.EngineWizardServices;
import org.groupwriteback.app.WizardLauncher;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.wizard.WizardServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gwb demo}: starts the demo environment (tenant emulator + in-memory directory) in this process and
 * opens the wizard on a fresh data directory whose first run is prefilled with the demo's endpoints, so that
 * the whole flow can be clicked through; the servers stop when the window closes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the demo tenant and directory and opens the wizard on them, prefilled: sign in,",
            "test the connection, click Next up to Configure, and the demo groups appear in the directory."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DemoFixtures fixtures;

    @Option(names = "--data", paramLabel = "DIR",
            description = "the engine's data directory (default: a new temporary directory)")
    Path data;

    @Override
    public Integer call() throws IOException, CliException {
        var noDisplay = WizardLauncher.missingDisplay();
        if (noDisplay.isPresent()) {
            spec.commandLine().getErr().println(noDisplay.get());
            return 2;
        }
        if (fixtures.unreadable() != null) {
            throw CliException.usage("cannot read " + fixtures.unreadable());
        }
        Path root = Files.createTempDirectory("gwb-demo-");
        Path dataDir = data != null ? data : root.resolve("data");
        if (DataDirectory.at(dataDir).hasConfiguration()) {
            throw CliException.usage(dataDir + " already holds a configuration; the demo needs a fresh data"
                    + " directory (omit --data for a temporary one)");
        }
        DemoEnvironment env;
        try {
            env = DemoEnvironment.start(fixtures.tenant, fixtures.directory, 0, 0, root.resolve("demo-env"));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage(), e);
        }
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                env.close();
            }
        };
        Thread hook = new Thread(stop, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        var out = spec.commandLine().getOut();
        out.println("demo tenant " + env.tenant().graphBaseUrl() + ", directory " + env.directory().ldapUrl()
                + ", data directory " + dataDir);
        out.flush();
        try (EngineWizardServices services = new EngineWizardServices(dataDir, new ProductConnectors(),
                draft(env))) {
            WizardLauncher.launch(services, true);
        } finally {
            stop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook
            }
        }
        return 0;
    }

    /**
     * The first-run draft: the demo's ready configuration (endpoints, secret and CA files, filter, target OU)
     * and the directory password. The wizard signs in with the engine's app registration, which the emulator,
     * like an Entra app with "Allow public client flows", accepts for the device code flow too.
     */
    static WizardServices.FirstRunDraft draft(DemoEnvironment env) {
        return new WizardServices.FirstRunDraft(env.configuration(), env.directory().bindPassword());
    }
}
