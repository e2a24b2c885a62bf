package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.config.ConfigurationValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's creation of the engine's identity against the tenant emulator (real MSAL4J and Graph SDK). */
class AppProvisioningTest {
    @TempDir
    Path dir;

    @Test
    void createsTheAppWithACertificateAndConsentAndWaitsForReplication() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(dir).start()) {
            tenant.setReplicationDelay(Duration.ofSeconds(6));
            AdminSignIn admin = new AdminSignIn(tenant.origin() + "/organizations", tenant.publicClientId(),
                    tenant.graphBaseUrl(), tenant.caCertificate(), Duration.ofSeconds(60));
            admin.signIn(p -> { });
            Path keys = dir.resolve("keys");
            List<String> progress = new CopyOnWriteArrayList<>();
            AppProvisioning.EngineIdentity identity = new AppProvisioning(admin, keys, Duration.ofSeconds(60))
                    .create(AppProvisioning.DEFAULT_NAME, false, progress::add);

            assertThat(identity.cloud().authority()).isEqualTo(tenant.authority());
            assertThat(identity.cloud().clientId()).isEqualTo(identity.appId());
            assertThat(identity.cloud().credential().secretFile()).isNull();
            Path p12 = Path.of(identity.cloud().credential().certificateFile());
            Path password = Path.of(identity.cloud().credential().certificatePasswordFile());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
            assertThat(identity.actions()).anyMatch(a -> a.startsWith("Application 'Group writeback engine'"))
                    .anyMatch(a -> a.startsWith("Granted Group.Read.All"))
                    .anyMatch(a -> a.startsWith("Granted User.Read.All"))
                    .noneMatch(a -> a.contains("Group.ReadWrite.All"))
                    .last().asString().startsWith("Client-credentials sign-in with the certificate works");
            assertThat(progress).anyMatch(p -> p.startsWith("Waiting for the new certificate to replicate: next try"));
            assertThat(ConfigurationValidator.validate(new org.groupwriteback.engine.config.SyncConfiguration(
                    identity.cloud(), null, null, null, null, null))).noneMatch(e -> e.field().startsWith("cloud"));
            try (GraphCloudSource source = new GraphCloudSource(identity.cloud())) {
                assertThat(source.verifyCredential().tenantId()).isEqualTo(tenant.tenantId());
            }

            AppProvisioning.EngineIdentity again = new AppProvisioning(admin, keys, Duration.ofSeconds(60))
                    .create(AppProvisioning.DEFAULT_NAME, true, p -> { });
            assertThat(again.appId()).isEqualTo(identity.appId());
            assertThat(again.actions()).anyMatch(a -> a.startsWith("Granted Group.ReadWrite.All"));
            assertThat(tenant.createdApplicationCount()).isEqualTo(1);

            AppProvisioning.remove(admin, identity.appId());
            assertThat(AppProvisioning.removeKeyFiles(keys)).containsExactlyInAnyOrder(p12, password);
            assertThat(tenant.createdApplicationCount()).isZero();
            assertThatThrownBy(() -> AppProvisioning.remove(admin, identity.appId()))
                    .hasMessageContaining("No app registration with app id " + identity.appId());
        }
    }

    @Test
    void aCredentialThatNeverReplicatesFailsAfterTheWait() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(dir).start()) {
            tenant.setReplicationDelay(Duration.ofHours(1));
            AdminSignIn admin = new AdminSignIn(tenant.authority(), tenant.publicClientId(), tenant.graphBaseUrl(),
                    tenant.caCertificate(), Duration.ofSeconds(60));
            admin.signIn(p -> { });
            assertThatThrownBy(() -> new AppProvisioning(admin, dir, Duration.ofSeconds(2))
                    .create("Engine", false, p -> { })).isInstanceOf(CloudException.class)
                    .hasMessageContaining("still does not work").hasMessageContaining("The key was not found");
        }
    }
}
