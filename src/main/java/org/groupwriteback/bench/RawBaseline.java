package org.groupwriteback.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.PemTrust;

/**
 * The raw limit a benchmark compares the engine with, measured in the same run: the same Graph delta pages
 * fetched with plain {@code java.net.http} (users and groups in parallel, as the engine reads them), and the
 * same final group entries added with plain UnboundID adds into a fresh copy of the directory at the same
 * parallelism.
 */
final class RawBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawBaseline() {
    }

    /** What the raw reads and writes took. */
    record Result(long graphMs, int graphPages, long ldapMs, int ldapAdds) {
        long totalMs() {
            return graphMs + ldapMs;
        }
    }

    static Result measure(DemoEnvironment env, Path ldif, int parallelism) throws Exception {
        long t = System.nanoTime();
        int pages = fetchGraph(env.configuration().cloud());
        long graphMs = (System.nanoTime() - t) / 1_000_000;
        List<Entry> entries = finalGroups(env.directory(), env.configuration().groupWriteback().targetOu());
        long ldapMs;
        try (DemoDirectory fresh = DemoDirectory.start(ldif, 0)) {
            ldapMs = addAll(fresh, entries, parallelism);
        }
        return new Result(graphMs, pages, ldapMs, entries.size());
    }

    private static int fetchGraph(SyncConfiguration.Cloud cloud) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PemTrust.load(Path.of(cloud.caCertificate())).sslContext()).build();
        String secret = Files.readString(Path.of(cloud.credential().secretFile())).strip();
        String form = "grant_type=client_credentials&client_id=" + enc(cloud.clientId()) + "&client_secret="
                + enc(secret) + "&scope=" + enc(resource(cloud.graphBaseUrl()) + "/.default");
        HttpResponse<String> tokenReply = http.send(HttpRequest.newBuilder(
                URI.create(cloud.authority().replaceAll("/$", "") + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(tokenReply.body()).path("access_token").asText();
        String base = cloud.graphBaseUrl().replaceAll("/$", "");
        AtomicInteger pages = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> users = pool.submit(() -> follow(http, token,
                    base + "/users/delta?$select=id,onPremisesSecurityIdentifier,onPremisesSyncEnabled", pages));
            Future<?> groups = pool.submit(() -> follow(http, token, base + "/groups/delta?$select=id,displayName,"
                    + "description,mailNickname,mail,groupTypes,securityEnabled,mailEnabled,onPremisesSyncEnabled,"
                    + "proxyAddresses,members", pages));
            users.get();
            groups.get();
        } finally {
            pool.shutdown();
        }
        return pages.get();
    }

    private static Void follow(HttpClient http, String token, String url, AtomicInteger pages) throws Exception {
        String next = url;
        while (next != null) {
            HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("raw Graph read of " + next + " answered " + reply.statusCode());
            }
            pages.incrementAndGet();
            JsonNode page = JSON.readTree(reply.body());
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return null;
    }

    /** The written-back groups as the engine left them, reduced to what a plain add carries. */
    private static List<Entry> finalGroups(DemoDirectory directory, String targetOu) throws Exception {
        List<Entry> out = new ArrayList<>();
        String[] attrs = {"objectClass", "cn", "sAMAccountName", "groupType", "displayName", "description",
            "adminDescription", "mail", "mailNickname", "proxyAddresses", "member"};
        try (LDAPConnection c = directory.connection()) {
            // In-process and unlimited: no paging needed to collect the entries (not timed).
            for (SearchResultEntry e : c.search(new SearchRequest(targetOu, SearchScope.ONE, "(objectClass=group)",
                    attrs)).getSearchEntries()) {
                Entry add = new Entry(e.getDN());
                for (Attribute a : e.getAttributes()) {
                    add.addAttribute(a);
                }
                out.add(add);
            }
        }
        return out;
    }

    private static long addAll(DemoDirectory fresh, List<Entry> entries, int parallelism) throws Exception {
        try (LDAPConnection first = new LDAPConnection("127.0.0.1", fresh.port())) {
            first.bind(new SimpleBindRequest(fresh.bindDn(), fresh.bindPassword()));
            LDAPConnectionPool pool = new LDAPConnectionPool(first, parallelism);
            ExecutorService workers = Executors.newFixedThreadPool(parallelism);
            try {
                long t = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < parallelism; w++) {
                    int offset = w;
                    done.add(workers.submit(() -> {
                        for (int i = offset; i < entries.size(); i += parallelism) {
                            pool.add(entries.get(i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                return (System.nanoTime() - t) / 1_000_000;
            } finally {
                workers.shutdown();
                pool.close();
            }
        }
    }

    /** The Graph resource a token is asked for: the origin of the Graph base URL. */
    private static String resource(String graphBaseUrl) {
        URI u = URI.create(graphBaseUrl);
        return u.getScheme() + "://" + u.getAuthority();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
