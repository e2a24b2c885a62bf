package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Graph base URL parsing: the host that gets tokens, v1.0 and beta bases, and the scope. */
class GraphEndpointTest {

    @Test
    void microsoftGraph() throws CloudException {
        assertThat(GraphEndpoint.parse("https://graph.microsoft.com/v1.0/")).isEqualTo(new GraphEndpoint(
                "graph.microsoft.com", "https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/beta",
                "https://graph.microsoft.com/.default"));
    }

    @Test
    void aProxyPathPrefixIsKeptForBeta() throws CloudException {
        GraphEndpoint e = GraphEndpoint.parse("https://proxy.example:8443/graph/v1.0");
        assertThat(e.betaBase()).isEqualTo("https://proxy.example:8443/graph/beta");
        assertThat(e.scope()).isEqualTo("https://proxy.example:8443/.default");
        assertThat(e.host()).isEqualTo("proxy.example");
    }

    @Test
    void onlyHttpsIsAccepted() {
        assertThatThrownBy(() -> GraphEndpoint.parse("http://graph.example/v1.0")).isInstanceOf(CloudException.class)
                .hasMessageContaining("must be an https:// URL");
        assertThatThrownBy(() -> GraphEndpoint.parse("not a url")).isInstanceOf(CloudException.class)
                .hasMessageContaining("not a valid URL");
    }
}
