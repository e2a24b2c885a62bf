package org.groupwriteback.demo.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's interactive sign-in path: MSAL4J's public client device-code flow against the emulator. */
class TenantEmulatorSignInTest {
    @TempDir
    Path dir;

    @Test
    void msalDeviceCodeFlowSignsInAndRefreshesSilently() throws Exception {
        TenantFixture fixture;
        try (InputStream in = getClass().getResourceAsStream("/tenant/fabrikam.json")) {
            fixture = TenantFixture.parse(in, "fabrikam");
        }
        try (TenantEmulator tenant = TenantEmulator.builder(fixture).directory(dir).start()) {
            SSLContext trust = LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate());
            PublicClientApplication app = PublicClientApplication.builder(tenant.publicClientId())
                    .authority(tenant.authority() + "/").instanceDiscovery(false).validateAuthority(false)
                    .sslSocketFactory(trust.getSocketFactory()).build();
            Set<String> scopes = Set.of(tenant.origin() + "/.default");
            AtomicReference<String> shownMessage = new AtomicReference<>();
            IAuthenticationResult result = app.acquireToken(DeviceCodeFlowParameters.builder(scopes,
                    code -> shownMessage.set(code.message())).build()).get(60, TimeUnit.SECONDS);
            assertThat(shownMessage.get()).contains("signs you in automatically");
            assertThat(result.account().username()).isEqualTo("admin@fabrikam.onmicrosoft.com");

            HttpClient http = HttpClient.newBuilder().sslContext(trust).build();
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(tenant.graphBaseUrl() + "/me"))
                    .header("Authorization", "Bearer " + result.accessToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("admin@fabrikam.onmicrosoft.com");

            IAccount account = app.getAccounts().get().iterator().next();
            IAuthenticationResult silent = app.acquireTokenSilently(SilentParameters.builder(scopes, account)
                    // MSAL rebuilds the silent-flow authority from the cached host without its port: pass it.
                    .authorityUrl(tenant.authority() + "/").forceRefresh(true).build()).get(60, TimeUnit.SECONDS);
            assertThat(silent.accessToken()).isNotBlank().isNotEqualTo(result.accessToken());
        }
    }

    @Test
    void msalInteractiveFlowWithLoopbackRedirectSignsIn() throws Exception {
        TenantFixture fixture;
        try (InputStream in = getClass().getResourceAsStream("/tenant/fabrikam.json")) {
            fixture = TenantFixture.parse(in, "fabrikam");
        }
        try (TenantEmulator tenant = TenantEmulator.builder(fixture).directory(dir).start()) {
            SSLContext trust = LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate());
            PublicClientApplication app = PublicClientApplication.builder(tenant.publicClientId())
                    .authority(tenant.authority() + "/").instanceDiscovery(false).validateAuthority(false)
                    .sslSocketFactory(trust.getSocketFactory()).build();
            // Stands in for the system browser: open the authorize URL, deliver the answer to MSAL's loopback.
            LoopbackBrowser action = new LoopbackBrowser(trust);
            IAuthenticationResult result = app.acquireToken(com.microsoft.aad.msal4j.InteractiveRequestParameters
                    .builder(new URI("http://localhost")).scopes(Set.of(tenant.origin() + "/.default"))
                    .systemBrowserOptions(com.microsoft.aad.msal4j.SystemBrowserOptions.builder()
                            .openBrowserAction(action::open).build()).build()).get(60, TimeUnit.SECONDS);
            assertThat(action.opened()).isEqualTo(1);
            assertThat(result.account().username()).isEqualTo("admin@fabrikam.onmicrosoft.com");
            assertThat(result.accessToken()).isNotBlank();
        }
    }

    @Test
    void theAuthorizationCodeNeedsTheMatchingPkceVerifier() throws Exception {
        try (TenantEmulator tenant = TenantEmulator.builder(TenantFixture.demo()).directory(dir).start()) {
            SSLContext trust = LocalCertificateAuthority.clientSslContextFromPem(tenant.caCertificate());
            HttpClient http = HttpClient.newBuilder().sslContext(trust).build();
            String verifier = "a-verifier-of-enough-length-0123456789-abcdefghij";
            String challenge = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
            for (String sent : new String[] {"not-the-verifier", verifier}) {
                HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(URI.create(tenant.authority()
                        + "/oauth2/v2.0/authorize?client_id=" + tenant.publicClientId()
                        + "&redirect_uri=http://localhost:1234&scope=openid&code_challenge=" + challenge
                        + "&code_challenge_method=S256")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(authorize.statusCode()).isEqualTo(302);
                String code = authorize.headers().firstValue("Location").orElseThrow().replaceAll(".*code=", "");
                HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(tenant.authority()
                        + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id="
                                + tenant.publicClientId() + "&redirect_uri=http://localhost:1234&code=" + code
                                + "&code_verifier=" + sent)).build(), HttpResponse.BodyHandlers.ofString());
                if (sent.equals(verifier)) {
                    assertThat(token.statusCode()).isEqualTo(200);
                    assertThat(token.body()).contains("access_token");
                } else {
                    assertThat(token.statusCode()).isEqualTo(400);
                    assertThat(token.body()).contains("AADSTS501481");
                }
            }
        }
    }
}
