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
            HttpClient browser = HttpClient.newBuilder().sslContext(trust)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            AtomicReference<Integer> authorizeStatus = new AtomicReference<>();
            // Stands in for the system browser: open the authorize URL, follow the redirect to MSAL's loopback.
            com.microsoft.aad.msal4j.OpenBrowserAction action = url -> new Thread(() -> {
                try {
                    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(url.toURI()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    authorizeStatus.set(r.statusCode());
                    // response_mode=form_post: submit the hidden fields to the form's action (the loopback).
                    java.util.regex.Matcher target = java.util.regex.Pattern.compile("action=\"([^\"]+)\"")
                            .matcher(r.body());
                    target.find();
                    StringBuilder form = new StringBuilder();
                    java.util.regex.Matcher input = java.util.regex.Pattern
                            .compile("name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(r.body());
                    while (input.find()) {
                        form.append(form.length() == 0 ? "" : "&").append(input.group(1)).append('=')
                                .append(java.net.URLEncoder.encode(input.group(2).replace("&amp;", "&"),
                                        java.nio.charset.StandardCharsets.UTF_8));
                    }
                    browser.send(HttpRequest.newBuilder(URI.create(target.group(1).replace("&amp;", "&")))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).start();
            IAuthenticationResult result = app.acquireToken(com.microsoft.aad.msal4j.InteractiveRequestParameters
                    .builder(new URI("http://localhost")).scopes(Set.of(tenant.origin() + "/.default"))
                    .systemBrowserOptions(com.microsoft.aad.msal4j.SystemBrowserOptions.builder()
                            .openBrowserAction(action).build()).build()).get(60, TimeUnit.SECONDS);
            assertThat(authorizeStatus.get()).isEqualTo(200);
            assertThat(result.account().username()).isEqualTo("admin@fabrikam.onmicrosoft.com");
            assertThat(result.accessToken()).isNotBlank();
        }
    }
}
