package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graph responses a broken proxy or a compromised endpoint could send, served by an in-process interceptor to the
 * real Graph SDK client the engine builds: paging links to another host are refused before any request leaves
 * (so the bearer token never does), and odd item shapes are imported or skipped, never crash the read.
 */
class GraphHostileResponsesTest {
    private static final String BASE = "https://graph.test/v1.0";
    private static final String TOKEN = "bearer-for-graph-test-only";
    private static final String G1 = "c0000000-0000-0000-0000-000000000001";
    private static final String G2 = "c0000000-0000-0000-0000-000000000002";
    private static final String G3 = "c0000000-0000-0000-0000-000000000003";
    private static final String G4 = "c0000000-0000-0000-0000-000000000004";
    private static final String G5 = "c0000000-0000-0000-0000-000000000005";

    /** Responses by URL (path and query as sent); every request the client made, with its Authorization header. */
    private final Map<String, String> pages = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final OkHttpClient http = GraphClients.http(null, Duration.ofSeconds(5))
            .addInterceptor(chain -> {
                Request r = chain.request();
                requests.add(r.url() + " auth=" + r.header("Authorization"));
                String path = r.url().encodedPath().replace("()", "");
                String body = pages.get(path + "?" + r.url().query());
                if (body == null && !String.valueOf(r.url().query()).contains("token=")) {
                    body = pages.get(path);
                }
                return new Response.Builder().request(r).protocol(Protocol.HTTP_1_1)
                        .code(body == null ? 404 : 200).message(body == null ? "Not Found" : "OK")
                        .body(ResponseBody.create(body == null ? "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}"
                                : body, MediaType.get("application/json"))).build();
            }).build();
    private final GraphServiceClient graph = GraphClients.graph(new Tokens(), http, endpoint());
    private final GraphErrors errors = new GraphErrors("client", "https://login.test/tenant", null, endpoint());

    @AfterEach
    void close() {
        GraphClients.close(http);
    }

    private static GraphEndpoint endpoint() {
        try {
            return GraphEndpoint.parse(BASE);
        } catch (CloudException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands out a token for graph.test only, as the engine's provider does. */
    private static final class Tokens implements AccessTokenProvider {
        private final AllowedHostsValidator hosts = new AllowedHostsValidator("graph.test");

        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> additionalContext) {
            return hosts.isUrlHostValid(uri) ? TOKEN : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
        }
    }

    private static String page(String items, String link) {
        return "{\"@odata.context\":\"" + BASE + "/$metadata#groups\",\"value\":[" + items + "]," + link + "}";
    }

    private static String group(String id, String name) {
        return "{\"id\":\"" + id + "\",\"displayName\":\"" + name + "\",\"securityEnabled\":true,\"groupTypes\":[]}";
    }

    private List<SnapshotMerge.GroupChange> read(String savedLink) throws Exception {
        List<SnapshotMerge.GroupChange> seen = new ArrayList<>();
        new GroupsDeltaReader(graph, errors, null).read(savedLink, seen::add);
        return seen;
    }

    private List<String> requestsTo(String host) {
        return requests.stream().filter(r -> r.startsWith("https://" + host + "/") || r.startsWith("http://" + host))
                .toList();
    }

    @Test
    void aNextLinkToAnotherHostIsRefusedBeforeAnyRequestGoesThere() {
        pages.put("/v1.0/groups/delta", page(group(G1, "One"),
                "\"@odata.nextLink\":\"https://evil.test/v1.0/groups/delta?$skiptoken=2\""));
        assertThatThrownBy(() -> read(null)).isInstanceOf(CloudException.class)
                .hasMessageContaining("@odata.nextLink to https://evil.test")
                .hasMessageContaining("not to the configured Graph endpoint https://graph.test")
                .hasMessageContaining("no token was sent there");
        assertThat(requestsTo("evil.test")).isEmpty();
        assertThat(requests).singleElement().asString().contains("auth=Bearer " + TOKEN);
    }

    @Test
    void aNextLinkOverPlainHttpOrToAnotherPortIsRefusedToo() {
        for (String link : List.of("http://graph.test/v1.0/groups/delta?$skiptoken=2",
                "https://graph.test:8443/v1.0/groups/delta?$skiptoken=2",
                "https://graph.test.evil.test/v1.0/groups/delta?$skiptoken=2")) {
            requests.clear();
            pages.put("/v1.0/groups/delta", page(group(G1, "One"), "\"@odata.nextLink\":\"" + link + "\""));
            assertThatThrownBy(() -> read(null)).as(link).isInstanceOf(CloudException.class)
                    .hasMessageContaining("was not followed");
            assertThat(requests).as(link).hasSize(1);
        }
    }

    @Test
    void aDeltaLinkToAnotherHostIsNotKeptAndASavedOneIsNotFollowed() throws Exception {
        pages.put("/v1.0/groups/delta", page(group(G1, "One"),
                "\"@odata.deltaLink\":\"https://evil.test/v1.0/groups/delta?$deltatoken=x\""));
        assertThatThrownBy(() -> read(null)).isInstanceOf(CloudException.class)
                .hasMessageContaining("@odata.deltaLink to https://evil.test");

        requests.clear();
        assertThatThrownBy(() -> read("https://evil.test/v1.0/groups/delta?$deltatoken=x"))
                .isInstanceOf(CloudException.class).hasMessageContaining("saved delta link to https://evil.test");
        assertThat(requests).isEmpty();
    }

    @Test
    void linksOnTheConfiguredEndpointAreFollowedWithTheToken() throws Exception {
        pages.put("/v1.0/groups/delta", page(group(G1, "One"),
                "\"@odata.nextLink\":\"https://GRAPH.test/v1.0/groups/delta?$skiptoken=2\""));
        pages.put("/v1.0/groups/delta?$skiptoken=2", page(group(G2, "Two"),
                "\"@odata.deltaLink\":\"https://graph.test:443/v1.0/groups/delta?$deltatoken=3\""));
        assertThat(read(null)).extracting(SnapshotMerge.GroupChange::id).containsExactly(G1, G2);
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r).contains("auth=Bearer " + TOKEN));
    }

    @Test
    void oddItemShapesAreImportedOrSkippedWithoutBreakingTheRead() throws Exception {
        String huge = "x".repeat(200_000);
        pages.put("/v1.0/groups/delta", page(String.join(",",
                "{\"id\":\"" + G1 + "\",\"displayName\":null,\"groupTypes\":[]}",
                "{\"id\":\"" + G2 + "\"}",
                group(G3, "First"), group(G3, "Second"),
                "{\"id\":\"" + G4 + "\",\"displayName\":\"" + huge + "\",\"description\":\"" + huge + "\"}",
                "{\"id\":12345,\"displayName\":\"numeric id\"}",
                "{\"displayName\":\"no id\"}",
                "{\"id\":\"" + G5 + "\",\"displayName\":\"members of odd shape\",\"members@delta\":"
                        + "[{\"@odata.type\":\"#microsoft.graph.user\"},{\"id\":null},\"text\",{\"id\":\"" + G1 + "\"}]}"),
                "\"@odata.deltaLink\":\"" + BASE + "/groups/delta?$deltatoken=1\""));
        List<SnapshotMerge.GroupChange> seen = read(null);
        assertThat(seen).extracting(SnapshotMerge.GroupChange::id).containsExactly(G1, G2, G3, G3, G4, G5);

        CloudSnapshot snapshot = new CloudSnapshot();
        SnapshotMerge merge = new SnapshotMerge(snapshot, true);
        seen.forEach(merge::group);
        merge.applyTo(BASE + "/groups/delta?$deltatoken=1", null, false);
        assertThat(snapshot.groups()).containsOnlyKeys(G1, G2, G3, G4, G5);
        assertThat(snapshot.groups().get(G1).displayName()).isNull();
        assertThat(snapshot.groups().get(G3).displayName()).as("the later item of a duplicate wins").isEqualTo("Second");
        assertThat(snapshot.groups().get(G4).displayName()).hasSize(huge.length());
        assertThat(snapshot.groups().get(G5).members()).extracting(CloudMember::id).containsExactly(G1);
    }

    @Test
    void wrongJsonTypesAreRefusedAsACloudErrorOrIgnoredNeverAnUncheckedCrash() {
        pages.put("/v1.0/groups/delta", page(String.join(",",
                "{\"id\":\"" + G1 + "\",\"displayName\":42,\"securityEnabled\":\"yes\",\"groupTypes\":\"Unified\"}",
                "{\"id\":\"" + G2 + "\",\"displayName\":{\"nested\":true},\"proxyAddresses\":[1,2]}"),
                "\"@odata.deltaLink\":\"" + BASE + "/groups/delta?$deltatoken=1\""));
        try {
            List<SnapshotMerge.GroupChange> seen = read(null);
            CloudSnapshot snapshot = new CloudSnapshot();
            SnapshotMerge merge = new SnapshotMerge(snapshot, true);
            seen.forEach(merge::group);
            merge.applyTo(BASE + "/groups/delta?$deltatoken=1", null, false);
            assertThat(snapshot.groups()).containsOnlyKeys(G1, G2);
        } catch (CloudException e) {
            assertThat(e).hasMessageContaining("read the group changes");
        } catch (Exception e) {
            throw new AssertionError("a wrong JSON type crashed the read with " + e, e);
        }
    }
}
