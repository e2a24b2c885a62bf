package org.groupwriteback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gwb app remove} deletes the engine's app registration and its key files (tenant emulator). */
class AppCommandTest {
    private static final String BASE = "DC=fabrikam,DC=local";

    @TempDir
    Path data;

    @Test
    void removeDeletesTheAppRegistrationAndTheKeyFiles() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(data.resolve("t"))
                .start()) {
            AdminSignIn admin = new AdminSignIn(tenant.authority(), tenant.publicClientId(), tenant.graphBaseUrl(),
                    tenant.caCertificate(), Duration.ofSeconds(60));
            admin.signIn(p -> { });
            AppProvisioning.EngineIdentity identity = new AppProvisioning(admin, data, Duration.ofSeconds(60))
                    .create(AppProvisioning.DEFAULT_NAME, false, p -> { });
            Files.writeString(data.resolve("ad-password"), "pw\n");
            ConfigurationJson.write(DataDirectory.at(data).configurationFile(), new SyncConfiguration(identity.cloud(),
                    new SyncConfiguration.Directory("ldaps://dc1.fabrikam.local", "CN=svc,OU=Service," + BASE,
                            data.resolve("ad-password").toString(), null, BASE),
                    new SyncConfiguration.OuFilter(List.of(BASE), List.of()),
                    new SyncConfiguration.GroupWriteback(true, "OU=Cloud Groups," + BASE, false, 50_000, false),
                    500, new SyncConfiguration.Scheduler(true, 30)));
            assertThat(tenant.createdApplicationCount()).isEqualTo(1);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new AppCommand());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("remove", "--data", data.toString(), "--admin-client-id", tenant.publicClientId());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("deleted the app registration " + identity.appId())
                    .contains(identity.cloud().credential().certificateFile());
            assertThat(tenant.createdApplicationCount()).isZero();
            assertThat(Path.of(identity.cloud().credential().certificateFile())).doesNotExist();
            assertThat(Path.of(identity.cloud().credential().certificatePasswordFile())).doesNotExist();
        }
    }
}
