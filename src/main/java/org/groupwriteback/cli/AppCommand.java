package org.groupwriteback.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.CloudException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gwb app remove}: undoes what the wizard's "Create the engine's identity" did: deletes the engine's app
 * registration (with its service principal and consent) after an administrator signs in with the device code,
 * and deletes the local key files. Exit 0 done, 1 the tenant refused, 2 bad usage or configuration.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = {"Manage the engine's app registration in Entra ID.",
            "remove  deletes the app registration of cloud.clientId and the key files the wizard wrote."})
public final class AppCommand implements Callable<Integer> {
    /** What to do. */
    public enum Action { remove }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "remove")
    Action action;

    @Mixin
    DataOption data;

    @Option(names = "--admin-client-id", required = true, paramLabel = "ID",
            description = "the app registration the administrator signs in with (public client flows allowed)")
    String adminClientId;

    @Override
    public Integer call() throws ConfigurationException, CloudException, CliException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            SyncConfiguration.Cloud cloud = data.directory().load().cloud();
            AdminSignIn admin = new AdminSignIn(cloud.authority(), adminClientId, cloud.graphBaseUrl(),
                    cloud.caCertificate() == null ? null : Path.of(cloud.caCertificate()), AdminSignIn.DEFAULT_TIMEOUT);
            admin.signIn(p -> {
                out.println(p.message());
                out.flush();
            });
            AppProvisioning.remove(admin, cloud.clientId());
            out.println("deleted the app registration " + cloud.clientId());
            if (cloud.credential() != null && cloud.credential().certificateFile() != null) {
                List<Path> removed = AppProvisioning.removeKeyFiles(
                        Path.of(cloud.credential().certificateFile()).toAbsolutePath().getParent());
                removed.forEach(f -> out.println("deleted " + f));
            }
            return 0;
        } catch (IOException e) {
            throw CliException.failed("cannot delete the key files: " + e.getMessage(), e);
        } finally {
            out.flush();
        }
    }
}
