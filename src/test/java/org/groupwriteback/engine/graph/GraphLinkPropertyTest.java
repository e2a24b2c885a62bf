package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated paging links (scheme, user info, host spelling, port, path): a link is followed exactly when it is
 * https on the configured Graph host and port, whatever tricks its spelling tries.
 */
class GraphLinkPropertyTest {
    private static final GraphServiceClient GRAPH = client();

    private static GraphServiceClient client() {
        GraphServiceClient graph = new GraphServiceClient(new AnonymousAuthenticationProvider());
        graph.getRequestAdapter().setBaseUrl("https://graph.test/v1.0");
        return graph;
    }

    /** One generated link and whether it points at the configured endpoint. */
    record Link(String url, boolean ours) {
    }

    @Property(tries = 300)
    void aLinkIsFollowedExactlyWhenItPointsAtTheConfiguredEndpoint(@ForAll("links") Link link) {
        if (link.ours()) {
            GraphPages.checkLink(GRAPH, "@odata.nextLink", link.url());
        } else {
            assertThatThrownBy(() -> GraphPages.checkLink(GRAPH, "@odata.nextLink", link.url()))
                    .isInstanceOf(GraphPages.ForeignLink.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("was not followed").hasSizeLessThan(800));
        }
    }

    @Provide
    Arbitrary<Link> links() {
        Arbitrary<String> scheme = Arbitraries.of("https", "HTTPS", "http", "ftp", "javascript", "");
        Arbitrary<String> userInfo = Arbitraries.of("", "graph.test@", "user:pw@", "graph.test:443@");
        Arbitrary<String> host = Arbitraries.of("graph.test", "GRAPH.Test", "evil.test", "graph.test.evil.test",
                "evilgraph.test", "127.0.0.1", "graph.test%2eevil.test", "[::1]", "xn--grph-test");
        Arbitrary<String> port = Arbitraries.of("", ":443", ":8443", ":80", ":0443");
        Arbitrary<String> path = Arbitraries.of("/v1.0/groups/delta?$skiptoken=", "/beta/groups?x=", "/../", "/",
                "/v1.0/groups/delta?$deltatoken=").flatMap(p -> Arbitraries.strings().alpha().numeric()
                .ofMaxLength(20).map(s -> p + s));
        return Combinators.combine(scheme, userInfo, host, port, path).as((s, u, h, p, x) -> {
            String url = (s.isEmpty() ? "//" : s + "://") + u + h + p + x;
            boolean ours = s.toLowerCase(Locale.ROOT).equals("https") && h.equalsIgnoreCase("graph.test")
                    && (p.isEmpty() || p.equals(":443") || p.equals(":0443"));
            return new Link(url, ours);
        });
    }
}
