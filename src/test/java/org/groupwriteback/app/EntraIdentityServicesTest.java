package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.groupwriteback.demo.tenant.LoopbackBrowser;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.AdminSignIn;
import org.groupwriteback.engine.graph.AppProvisioning;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.wizard.WizardServices.DeviceCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's Entra ID backend against the tenant emulator, through the real MSAL4J and Graph SDK. */
class EntraIdentityServicesTest {
    @TempDir
    Path dir;

    private EntraIdentityServices services(TenantEmulator tenant, AdminSignIn.Browser browser) {
        SyncConfiguration.Cloud known = new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                tenant.clientId(), null, tenant.caCertificate().toString());
        return new EntraIdentityServices(DataDirectory.at(dir.resolve("data")), () -> Optional.of(known), browser,
                Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    private static LoopbackBrowser browser(TenantEmulator tenant) throws Exception {
        return new LoopbackBrowser(LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate()));
    }

    @Test
    void browserSignInThenCreatedIdentityPassesTheCredentialTestWithItsCertificate() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(dir).start()) {
            tenant.setReplicationDelay(Duration.ofSeconds(2));
            EntraIdentityServices services = services(tenant, browser(tenant));
            assertThat(services.canOpenBrowser()).isTrue();
            assertThatThrownBy(() -> services.createEngineIdentity(false, p -> { }))
                    .hasMessageContaining("Sign in to Entra ID first");

            TenantInfo reached = services.signInInBrowser(tenant.origin() + "/organizations",
                    tenant.publicClientId());
            assertThat(reached.tenantId()).isEqualTo(tenant.tenantId());
            assertThat(services.groups(2)).hasSize(2);

            List<String> progress = new CopyOnWriteArrayList<>();
            AppProvisioning.EngineIdentity identity = services.createEngineIdentity(false, progress::add);
            assertThat(progress).anyMatch(p -> p.startsWith("Waiting for the new certificate to replicate"));
            assertThat(identity.cloud().authority()).isEqualTo(tenant.authority());
            assertThat(Path.of(identity.cloud().credential().certificateFile()).getParent())
                    .isEqualTo(dir.resolve("data").toAbsolutePath());
            assertThat(services.testCredential(identity.cloud()).tenantId()).isEqualTo(tenant.tenantId());

            SyncConfiguration.Cloud organizations = new SyncConfiguration.Cloud(tenant.origin() + "/organizations",
                    identity.cloud().graphBaseUrl(), identity.appId(), identity.cloud().credential(),
                    identity.cloud().caCertificate());
            assertThatThrownBy(() -> services.testCredential(organizations)).isInstanceOf(CloudException.class)
                    .hasMessageContaining("AADSTS");
        }
    }

    @Test
    void deviceCodeSignInAndAWrongSecretIsRefusedByTheTest() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(dir).start()) {
            EntraIdentityServices services = services(tenant, browser(tenant));
            List<DeviceCode> codes = new CopyOnWriteArrayList<>();
            assertThat(services.signInWithDeviceCode(tenant.authority(), tenant.publicClientId(), codes::add)
                    .tenantId()).isEqualTo(tenant.tenantId());
            assertThat(codes).singleElement().satisfies(c -> assertThat(c.userCode()).isNotBlank());

            Path wrong = dir.resolve("wrong-secret");
            DataDirectory.writeSecretFile(wrong, "not-the-secret".toCharArray());
            SyncConfiguration.Cloud cloud = new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                    tenant.clientId(), new SyncConfiguration.Credential(wrong.toString(), null, null),
                    tenant.caCertificate().toString());
            assertThatThrownBy(() -> services.testCredential(cloud)).isInstanceOf(CloudException.class)
                    .hasMessageContaining("AADSTS");

            Path right = dir.resolve("data").resolve("client-secret");
            Files.createDirectories(right.getParent());
            DataDirectory.writeSecretFile(right, tenant.clientSecret().toCharArray());
            SyncConfiguration.Cloud relative = new SyncConfiguration.Cloud(tenant.authority(),
                    tenant.graphBaseUrl(), tenant.clientId(), new SyncConfiguration.Credential("client-secret", null,
                            null), tenant.caCertificate().toString());
            assertThat(services.testCredential(relative).tenantId()).isEqualTo(tenant.tenantId());
        }
    }

    @Test
    void aSignInWaitingForTheBrowserCanBeCancelled() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(dir).start()) {
            CompletableFuture<URL> opened = new CompletableFuture<>();
            EntraIdentityServices services = services(tenant, opened::complete);
            CompletableFuture<TenantInfo> signIn = CompletableFuture.supplyAsync(() -> {
                try {
                    return services.signInInBrowser(tenant.authority(), tenant.publicClientId());
                } catch (CloudException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertThat(opened.get(30, TimeUnit.SECONDS).getQuery()).contains("code_challenge_method=S256");

            services.cancelSignIn();

            assertThatThrownBy(() -> signIn.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CloudException.class)
                    .hasMessageContaining("interrupted");
            assertThat(services.signedIn()).isFalse();
        }
    }
}
