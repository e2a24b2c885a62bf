package org.groupwriteback.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.groupwriteback.demo.DemoEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code gwb demo-env}: starts only the demo environment (tenant emulator + in-memory directory), prints one
 * JSON line with its endpoints, and runs until stopped.
 */
@Command(name = "demo-env", mixinStandardHelpOptions = true,
        description = {"Starts the local tenant emulator and the in-memory directory, prints ONE JSON line with their",
            "endpoints and a ready configuration file, and runs until stopped (SIGTERM or Ctrl-C)."})
public final class DemoEnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DemoFixtures fixtures;

    @Option(names = "--graph-port", paramLabel = "N", defaultValue = "0", description = "HTTPS port (default: any free)")
    int graphPort;

    @Option(names = "--ldap-port", paramLabel = "N", defaultValue = "0", description = "LDAP port (default: any free)")
    int ldapPort;

    @Option(names = "--state", paramLabel = "DIR",
            description = "where the CA certificate, secrets and configuration go (default: a new temporary directory)")
    Path state;

    @Option(names = "--exchange-schema",
            description = "load the Exchange schema extension into the directory (msExch* recipient attributes)")
    boolean exchangeSchema;

    @Override
    public Integer call() throws IOException, InterruptedException, CliException {
        Path dir = state != null ? state : Files.createTempDirectory("gwb-demo-");
        if (fixtures.unreadable() != null) {
            throw CliException.usage("cannot read " + fixtures.unreadable());
        }
        DemoEnvironment env;
        try {
            env = DemoEnvironment.start(fixtures.tenant, fixtures.directory, graphPort, ldapPort, dir,
                    exchangeSchema);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage(), e);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                env.close();
            }
        };
        // SIGTERM/Ctrl-C end the command normally (exit 0, as cli.md promises) instead of killing the JVM
        // (exit 143/130); the shutdown hook still closes the servers on any other way out.
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), s -> stopRequested.countDown());
            } catch (IllegalArgumentException e) {
                // This platform has no such signal (or the JVM reserves it): the shutdown hook covers it.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(close, "demo-env-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(env.endpointLine());
        out.flush();
        stopRequested.await();
        close.run();
        return 0;
    }
}
