package org.groupwriteback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.groupwriteback.app.EngineWizardServices;
import org.groupwriteback.app.WizardLauncher;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.demo.tenant.LoopbackBrowser;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.graph.AdminSignIn;
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
    /** How long a new certificate of the demo tenant takes to work (Entra's replication, shortened). */
    static final Duration REPLICATION_DELAY = Duration.ofSeconds(8);

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
        // New certificates take a moment to work, as in Entra: the wizard's countdown shows it.
        env.tenant().setReplicationDelay(REPLICATION_DELAY);
        try (EngineWizardServices services = new EngineWizardServices(dataDir, new ProductConnectors(),
                draft(env), browser(env))) {
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
     * The first-run draft: the demo's ready configuration (endpoints, secret and CA files, filter, target OU),
     * the directory password, and the emulator's public client for the administrator's sign-in. The demo's
     * existing engine app (client id + secret file) is what "Use an existing app registration" starts from.
     */
    static WizardServices.FirstRunDraft draft(DemoEnvironment env) {
        return new WizardServices.FirstRunDraft(env.configuration(), env.directory().bindPassword(),
                env.tenant().publicClientId());
    }

    /**
     * The demo's "system browser": follows the emulator's sign-in page (which approves by itself) to the
     * wizard's loopback redirect, trusting only the emulator's CA.
     */
    static AdminSignIn.Browser browser(DemoEnvironment env) throws IOException {
        try {
            return new LoopbackBrowser(LocalCertificateAuthority.clientSslContextFromPem(env.tenant().caCertificate()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the demo tenant's CA: " + e.getMessage(), e);
        }
    }
}
