package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.demo.tenant.LoopbackBrowser;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's admin sign-in (device code + /organization) against the tenant emulator over verified TLS. */
class AdminSignInTest {
    @TempDir
    Path dir;

    private static TenantEmulator start(Path dir) throws Exception {
        return TenantEmulator.builder(TenantFixture.demo()).directory(dir).start();
    }

    @Test
    void authorityValidationStaysOnForEntraHostsOnly() {
        assertThat(AdminSignIn.isMicrosoftAuthority(URI.create("https://login.microsoftonline.com/organizations")))
                .isTrue();
        assertThat(AdminSignIn.isMicrosoftAuthority(URI.create("https://login.microsoftonline.us/contoso.us")))
                .isTrue();
        assertThat(AdminSignIn.isMicrosoftAuthority(URI.create("https://127.0.0.1:8443/tenant"))).isFalse();
        assertThat(AdminSignIn.isMicrosoftAuthority(URI.create("https://login.microsoftonline.com.evil.example/x")))
                .isFalse();
    }

    @Test
    void deviceCodeSignInReadsTheOrganizationAndGroups() throws Exception {
        try (TenantEmulator tenant = start(dir)) {
            AdminSignIn signIn = new AdminSignIn(tenant.authority(), tenant.publicClientId(), tenant.graphBaseUrl(),
                    tenant.caCertificate(), Duration.ofSeconds(60));
            List<AdminSignIn.Prompt> prompts = new ArrayList<>();
            Thread caller = Thread.currentThread();
            List<Thread> promptThreads = new ArrayList<>();
            AdminSignIn.Result result = signIn.signIn(p -> {
                prompts.add(p);
                promptThreads.add(Thread.currentThread());
            });
            assertThat(result.tenant()).isEqualTo(new TenantInfo(tenant.tenantId(), "Fabrikam",
                    "fabrikam.onmicrosoft.com"));
            assertThat(result.username()).isEqualTo("admin@fabrikam.onmicrosoft.com");
            assertThat(prompts).singleElement().satisfies(p -> assertThat(p.verificationUri()).startsWith("https://"));
            assertThat(promptThreads).containsExactly(caller);
            assertThat(signIn.groups(4)).hasSize(4).allSatisfy(g -> assertThat(g.id()).isNotBlank());
        }
    }

    @Test
    void interactiveSignInFollowsTheLoopbackRedirectWithPkce() throws Exception {
        try (TenantEmulator tenant = start(dir)) {
            AdminSignIn signIn = new AdminSignIn(tenant.origin() + "/organizations", tenant.publicClientId(),
                    tenant.graphBaseUrl(), tenant.caCertificate(), Duration.ofSeconds(60));
            LoopbackBrowser browser = new LoopbackBrowser(
                    LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate()));
            AdminSignIn.Result result = signIn.signInInteractive(browser);
            assertThat(result.tenant().tenantId()).isEqualTo(tenant.tenantId());
            assertThat(result.username()).isEqualTo("admin@fabrikam.onmicrosoft.com");
            assertThat(browser.opened()).isEqualTo(1);
            assertThat(tenant.requestCount("code_challenge_method=S256")).isEqualTo(1);
            assertThat(signIn.groups(2)).hasSize(2);
        }
    }

    @Test
    void aDeclinedInteractiveSignInSaysSo() throws Exception {
        try (TenantEmulator tenant = start(dir)) {
            tenant.setApproveSignIn(false);
            AdminSignIn signIn = new AdminSignIn(tenant.authority(), tenant.publicClientId(), tenant.graphBaseUrl(),
                    tenant.caCertificate(), Duration.ofSeconds(60));
            LoopbackBrowser browser = new LoopbackBrowser(
                    LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate()));
            assertThatThrownBy(() -> signIn.signInInteractive(browser)).isInstanceOf(CloudException.class)
                    .hasMessageContaining("declined or cancelled");
            assertThatThrownBy(() -> signIn.groups(1)).hasMessageContaining("Sign in");
        }
    }

    @Test
    void aDeclinedDeviceCodeSignInSaysSo() throws Exception {
        try (TenantEmulator tenant = start(dir)) {
            tenant.setApproveSignIn(false);
            AdminSignIn signIn = new AdminSignIn(tenant.authority(), tenant.publicClientId(), tenant.graphBaseUrl(),
                    tenant.caCertificate(), Duration.ofSeconds(60));
            assertThatThrownBy(() -> signIn.signIn(p -> { })).isInstanceOf(CloudException.class)
                    .hasMessageContaining("declined");
        }
    }

    @Test
    void groupsBeforeSignInAskToSignIn() {
        AdminSignIn signIn = new AdminSignIn("https://127.0.0.1:1/t", "x", "https://127.0.0.1:1/v1.0", null,
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> signIn.groups(3)).isInstanceOf(CloudException.class).hasMessageContaining("Sign in");
    }

    @Test
    void aServerNotIssuedByTheConfiguredCaIsRefused() throws Exception {
        Path otherCa = new LocalCertificateAuthority("Not The Tenant").writeCaPem(dir, "other.pem");
        try (TenantEmulator tenant = start(dir.resolve("t"))) {
            AdminSignIn signIn = new AdminSignIn(tenant.authority(), tenant.publicClientId(), tenant.graphBaseUrl(),
                    otherCa, Duration.ofSeconds(30));
            List<AdminSignIn.Prompt> prompts = new ArrayList<>();
            assertThatThrownBy(() -> signIn.signIn(prompts::add)).isInstanceOf(CloudException.class)
                    .hasMessageContaining("Cannot sign in at " + tenant.authority());
            assertThat(prompts).isEmpty();
        }
    }
}
