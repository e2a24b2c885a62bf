package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.OkHttpClient;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS fails closed for both cloud endpoints, with the product's own clients: a server whose certificate comes from
 * a CA the configuration does not trust, and a server whose certificate does not name the host in the URL (a
 * trusted certificate for 127.0.0.1 answering at 127.0.0.2). The error names the endpoint and the cause.
 * (LDAPS: {@code LdapDirectoryTlsTest}.)
 */
class GraphTlsTest {
    @TempDir
    Path dir;
    TenantEmulator tenant;
    TlsServer server;

    @BeforeEach
    void start() throws IOException {
        tenant = TenantEmulator.builder(GraphCloudSourceTest.fabrikam()).directory(dir).start();
    }

    @AfterEach
    void stop() throws IOException {
        tenant.close();
        if (server != null) {
            server.close();
        }
    }

    private SyncConfiguration.Cloud config(String authority) throws IOException {
        Path secretFile = dir.resolve("secret");
        DataDirectory.writeSecretFile(secretFile, tenant.clientSecret().toCharArray());
        return new SyncConfiguration.Cloud(authority, tenant.graphBaseUrl(), tenant.clientId(),
                new SyncConfiguration.Credential(secretFile.toString(), null, null), tenant.caCertificate().toString());
    }

    @Test
    void anAuthorityWithACertificateFromAnotherCaIsRefused() throws Exception {
        server = new TlsServer(InetAddress.getLoopbackAddress(), new LocalCertificateAuthority("impostor").serverSslContext());
        String authority = "https://127.0.0.1:" + server.port() + "/" + tenant.tenantId();
        try (GraphCloudSource source = new GraphCloudSource(config(authority))) {
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class)
                    .hasMessageContaining("sign-in authority 127.0.0.1")
                    .hasMessageContaining("is not trusted by " + tenant.caCertificate());
        }
        assertThat(server.handshakes()).isPositive();
    }

    @Test
    void anAuthorityWhoseCertificateNamesAnotherHostIsRefused() throws Exception {
        server = new TlsServer(InetAddress.getByName("127.0.0.2"), tenant.certificateAuthority().serverSslContext());
        String authority = "https://127.0.0.2:" + server.port() + "/" + tenant.tenantId();
        try (GraphCloudSource source = new GraphCloudSource(config(authority))) {
            assertThatThrownBy(source::test).isInstanceOf(CloudException.class)
                    .hasMessageContaining("sign-in authority 127.0.0.2")
                    .hasMessageContaining("does not name 127.0.0.2")
                    .hasMessageNotContaining("is not trusted");
        }
        assertThat(server.handshakes()).isPositive();
    }

    @Test
    void graphWithACertificateFromAnotherCaIsRefused() throws Exception {
        server = new TlsServer(InetAddress.getLoopbackAddress(), new LocalCertificateAuthority("impostor").serverSslContext());
        assertThatThrownBy(() -> readOrganization("https://127.0.0.1:" + server.port() + "/v1.0"))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("Graph endpoint 127.0.0.1")
                .hasMessageContaining("is not trusted by " + tenant.caCertificate());
        assertThat(server.handshakes()).isPositive();
    }

    @Test
    void graphWhoseCertificateNamesAnotherHostIsRefused() throws Exception {
        server = new TlsServer(InetAddress.getByName("127.0.0.2"), tenant.certificateAuthority().serverSslContext());
        assertThatThrownBy(() -> readOrganization("https://127.0.0.2:" + server.port() + "/v1.0"))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("Graph endpoint 127.0.0.2")
                .hasMessageContaining("does not name 127.0.0.2")
                .hasMessageNotContaining("is not trusted");
        assertThat(server.handshakes()).isPositive();
    }

    /** The engine's Graph client (its trust and HTTP stack) reading the organization from {@code base}. */
    private void readOrganization(String base) throws Exception {
        GraphEndpoint endpoint = GraphEndpoint.parse(base);
        PemTrust trust = GraphClients.trust(tenant.caCertificate());
        OkHttpClient http = GraphClients.http(trust, Duration.ofSeconds(10)).build();
        try {
            GraphServiceClient graph = GraphClients.graph(new AccessTokenProvider() {
                @Override
                public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                    return "token";
                }

                @Override
                public AllowedHostsValidator getAllowedHostsValidator() {
                    return new AllowedHostsValidator(endpoint.host());
                }
            }, http, endpoint);
            GraphErrors errors = new GraphErrors(tenant.clientId(), tenant.authority(),
                    tenant.caCertificate().toString(), endpoint);
            errors.call("read the organization", () -> graph.organization().get());
        } finally {
            GraphClients.close(http);
        }
    }

    /** Accepts TLS connections and completes (or fails) the handshake; never answers HTTP. */
    static final class TlsServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final AtomicInteger handshakes = new AtomicInteger();
        private final Thread thread;

        TlsServer(InetAddress address, SSLContext context) throws IOException {
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            socket.bind(new InetSocketAddress(address, 0));
            thread = new Thread(this::serve, "tls-test-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int handshakes() {
            return handshakes.get();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    handshakes.incrementAndGet();
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (IOException e) {
                    // the client refused the certificate, as it should
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
