package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;
import org.groupwriteback.demo.tenant.TenantState.MemberEvent;
import org.groupwriteback.demo.tenant.TenantState.UserEntry;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Microsoft Graph + Entra ID sign-in emulator over HTTPS (its own CA), speaking the subset the
 * engine and the wizard use: OIDC metadata, token and device-code endpoints issuing RS256 JWTs, and
 * {@code /v1.0} + {@code /beta} groups, users, members, delta queries and the group directory setting.
 * The Java control API changes the tenant between cycles and injects faults (throttling, 503, latency,
 * dropped connections, malformed pages, expired delta links).
 */
public final class TenantEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEmulator.class);
    /** The application permissions a client gets unless told otherwise. */
    public static final Set<String> DEFAULT_ROLES = Set.of("Group.ReadWrite.All", "User.Read.All",
            "Directory.Read.All");
    private static final Set<String> READ_ROLES = Set.of("Group.Read.All", "GroupMember.Read.All",
            "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "User.Read.All");
    private static final Set<String> WRITE_ROLES = Set.of("Group.ReadWrite.All", "Directory.ReadWrite.All");
    private static final String GROUP_UNIFIED_TEMPLATE = "62375ab9-6b52-47ed-826b-58e47e0e304b";
    private static final List<String> GROUP_FIELDS = List.of("id", "displayName", "description", "mailNickname",
            "mail", "groupTypes", "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "proxyAddresses");
    private static final List<String> USER_FIELDS = List.of("id", "displayName", "userPrincipalName", "mail",
            "accountEnabled", "onPremisesSyncEnabled", "onPremisesSecurityIdentifier", "onPremisesDistinguishedName",
            "onPremisesSamAccountName");
    /** Members per delta item: large groups come as several items, as Graph sends them. */
    static final int MEMBER_CHUNK = 500;
    /** Member entries per delta page at most. */
    static final int MEMBERS_PER_PAGE = 5000;
    private static final int MAX_TOP = 999;

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final TenantState state;
    private final TokenIssuer tokens = new TokenIssuer(json);
    private final LocalCertificateAuthority ca;
    private final Path caFile;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, String[]> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, String[]> deviceCodes = new ConcurrentHashMap<>();
    private final Map<String, DeltaSession> sessions = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, DeltaSession> eldest) {
                    // Each open round holds its rendered items; abandoned rounds must not pile up.
                    return size() > 16;
                }
            });
    private final List<String> requestLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requestCount = new AtomicInteger();
    private final String adminUserId = UUID.randomUUID().toString();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private final String clientId;
    private final String clientSecret;
    private final String publicClientId;

    private record Client(String id, String secret, Set<String> roles, boolean publicClient,
            java.security.cert.X509Certificate certificate) {
    }

    private record DeltaSession(String kind, String version, List<ObjectNode> items, long endSeq, int epoch,
            int top) {
    }

    private TenantEmulator(Builder b) throws IOException {
        TenantFixture fixture = b.fixture;
        state = new TenantState(fixture.tenant().id(), fixture.tenant().displayName(), fixture.tenant().defaultDomain());
        load(fixture);
        clientId = b.clientId;
        clientSecret = b.clientSecret != null ? b.clientSecret : randomSecret();
        publicClientId = b.publicClientId;
        clients.put(clientId, new Client(clientId, clientSecret, Set.copyOf(b.roles), false, b.clientCertificate));
        clients.put(publicClientId, new Client(publicClientId, null, Set.of(), true, null));
        ca = new LocalCertificateAuthority("group-writeback tenant emulator");
        Path dir = b.directory != null ? b.directory : Files.createTempDirectory("gwb-tenant");
        caFile = ca.writeCaPem(dir, "tenant-ca.pem");
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(ca.serverSslContext()));
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tenant-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Tenant emulator for {} listening on {}", state.displayName, origin());
    }

    /** Starts building an emulator for a fixture. */
    public static Builder builder(TenantFixture fixture) {
        return new Builder(fixture);
    }

    /** Options of an emulator; {@link #start()} binds the port and serves. */
    public static final class Builder {
        private final TenantFixture fixture;
        private int port;
        private Path directory;
        private String clientId = "00000000-0000-0000-0000-00000000a11c";
        private String clientSecret;
        private String publicClientId = "00000000-0000-0000-0000-0000000057a1";
        private Set<String> roles = DEFAULT_ROLES;
        private java.security.cert.X509Certificate clientCertificate;

        private Builder(TenantFixture fixture) {
            this.fixture = fixture;
        }

        /** TCP port on 127.0.0.1 (0 = any free port). */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Where the CA PEM is written (default: a new temp directory). */
        public Builder directory(Path value) {
            this.directory = value;
            return this;
        }

        /** The confidential client (the engine's app registration) and its secret. */
        public Builder client(String id, String secret) {
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        /** A certificate the confidential client may also sign in with (client assertion, private_key_jwt). */
        public Builder clientCertificate(java.security.cert.X509Certificate certificate) {
            this.clientCertificate = certificate;
            return this;
        }

        /** The application permissions granted to the confidential client. */
        public Builder roles(Set<String> value) {
            this.roles = Set.copyOf(value);
            return this;
        }

        /** The public client id (the wizard's interactive sign-in). */
        public Builder publicClient(String id) {
            this.publicClientId = id;
            return this;
        }

        public TenantEmulator start() throws IOException {
            return new TenantEmulator(this);
        }
    }

    // ---------------------------------------------------------------- endpoints for configuration

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String origin() {
        return "https://127.0.0.1:" + port();
    }

    /** The Graph base URL the engine is configured with ({@code .../v1.0}). */
    public String graphBaseUrl() {
        return origin() + "/v1.0";
    }

    /** The sign-in authority ({@code https://127.0.0.1:<port>/<tenantId>}). */
    public String authority() {
        return origin() + "/" + state.tenantId;
    }

    public String tenantId() {
        return state.tenantId;
    }

    public String clientId() {
        return clientId;
    }

    /** The confidential client's secret, for the demo to write into a secret file. */
    public String clientSecret() {
        return clientSecret;
    }

    public String publicClientId() {
        return publicClientId;
    }

    /** The PEM file of the emulator's CA, what clients are configured to trust. */
    public Path caCertificate() {
        return caFile;
    }

    public LocalCertificateAuthority certificateAuthority() {
        return ca;
    }

    private volatile boolean writebackChangesInV1Delta = true;

    /**
     * Whether a writebackConfiguration change makes the group show up in v1.0 group delta (default true).
     * Whether real Graph does this for a beta-only property is not documented; false lets tests check that
     * the engine notices such changes anyway.
     */
    public void setWritebackChangesInV1Delta(boolean value) {
        this.writebackChangesInV1Delta = value;
    }

    /** Access tokens issued from now on expire after this long. */
    public void setTokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- control API

    /** Adds (or replaces) a user. */
    public void addUser(TenantFixture.User user) {
        synchronized (lock) {
            putUser(user, state.next());
        }
    }

    /** Deletes a user: it leaves all groups and user delta reports it removed. */
    public void deleteUser(String id) {
        synchronized (lock) {
            UserEntry u = user(id);
            long at = state.next();
            u.deletedSeq = at;
            state.removeFromAllGroups(id, at);
        }
    }

    /** Creates a group from a fixture entry (members must exist). */
    public void createGroup(TenantFixture.Group group) {
        synchronized (lock) {
            if (state.groups.containsKey(group.id().toLowerCase()) || state.users.containsKey(group.id().toLowerCase())) {
                throw new IllegalArgumentException("Id " + group.id() + " is already used");
            }
            group.members().forEach(this::requireMember);
            GroupEntry g = putGroup(group, state.next());
            g.members.addAll(group.members());
        }
    }

    /** Creates a group with the given properties and members; returns its new id. */
    public String createGroup(String displayName, String mailNickname, List<String> groupTypes, boolean securityEnabled,
            boolean mailEnabled, List<String> members) {
        String id = UUID.randomUUID().toString();
        String mail = mailEnabled ? mailNickname + "@" + state.defaultDomain : null;
        createGroup(new TenantFixture.Group(id, displayName, null, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, null, List.of(), null, null, members, null));
        return id;
    }

    public void renameGroup(String id, String displayName) {
        synchronized (lock) {
            GroupEntry g = group(id);
            g.displayName = displayName;
            g.propsSeq = state.next();
        }
    }

    public void setDescription(String id, String description) {
        synchronized (lock) {
            GroupEntry g = group(id);
            g.description = description;
            g.propsSeq = state.next();
        }
    }

    public void addMember(String groupId, String memberId) {
        synchronized (lock) {
            GroupEntry g = group(groupId);
            requireMember(memberId);
            if (g.members.add(memberId)) {
                long at = state.next();
                g.memberEvents.add(new MemberEvent(at, memberId, true));
                g.membersSeq = at;
            }
        }
    }

    public void removeMember(String groupId, String memberId) {
        synchronized (lock) {
            GroupEntry g = group(groupId);
            if (g.members.remove(memberId)) {
                long at = state.next();
                g.memberEvents.add(new MemberEvent(at, memberId, false));
                g.membersSeq = at;
            }
        }
    }

    /** Soft-deletes a Microsoft 365 group (restorable; delta reports {@code @removed: changed}). */
    public void softDeleteGroup(String id) {
        synchronized (lock) {
            GroupEntry g = group(id);
            if (!g.isUnified()) {
                throw new IllegalStateException("Only Microsoft 365 groups are soft-deleted; use hardDeleteGroup for "
                        + g.displayName);
            }
            g.softDeleted = true;
            g.softDeletedSeq = state.next();
        }
    }

    /** Restores a soft-deleted group with its members. */
    public void restoreGroup(String id) {
        synchronized (lock) {
            GroupEntry g = anyGroup(id);
            if (!g.softDeleted) {
                throw new IllegalStateException("Group " + id + " is not soft-deleted");
            }
            long at = state.next();
            g.softDeleted = false;
            g.propsSeq = at;
            g.fullMembersSeq = at;
        }
    }

    /** Deletes a group permanently (also from the soft-deleted state); delta reports {@code @removed: deleted}. */
    public void hardDeleteGroup(String id) {
        synchronized (lock) {
            GroupEntry g = anyGroup(id);
            long at = state.next();
            g.hardDeletedSeq = at;
            g.softDeleted = false;
            state.removeFromAllGroups(id, at);
        }
    }

    /** Sets a group's beta writebackConfiguration (null values = not set). */
    public void setWriteback(String groupId, Boolean isEnabled, String onPremisesGroupType) {
        synchronized (lock) {
            GroupEntry g = group(groupId);
            applyWriteback(g, isEnabled, onPremisesGroupType);
        }
    }

    /** Sets the tenant's {@code NewUnifiedGroupWritebackDefault}; null removes the setting (= true). */
    public void setUnifiedWritebackDefault(Boolean value) {
        synchronized (lock) {
            state.unifiedWritebackDefault = value;
            state.next();
        }
    }

    /** The current member ids of a group. */
    public Set<String> memberIds(String groupId) {
        synchronized (lock) {
            return Set.copyOf(anyGroup(groupId).members);
        }
    }

    /** The current writebackConfiguration of a group. */
    public org.groupwriteback.engine.graph.WritebackConfiguration writeback(String groupId) {
        synchronized (lock) {
            GroupEntry g = anyGroup(groupId);
            return new org.groupwriteback.engine.graph.WritebackConfiguration(g.writebackEnabled, g.writebackGroupType);
        }
    }

    /** Invalidates every delta and skip token handed out so far: using one answers 410 syncStateNotFound. */
    public void expireDeltaLinks() {
        synchronized (lock) {
            state.epoch++;
        }
        sessions.clear();
    }

    // ---------------------------------------------------------------- fault injection

    /** The next {@code times} requests whose path contains {@code pathContains} get 429 with Retry-After. */
    public void throttleNext(String pathContains, int times, int retryAfterSeconds) {
        faults.add(new Faults.Rule(pathContains, Faults.Kind.STATUS, times, 429, retryAfterSeconds, 0));
    }

    /** The next {@code times} matching requests get 503 Service Unavailable with Retry-After. */
    public void unavailableNext(String pathContains, int times, int retryAfterSeconds) {
        faults.add(new Faults.Rule(pathContains, Faults.Kind.STATUS, times, 503, retryAfterSeconds, 0));
    }

    /** The next {@code times} matching requests get this status with a Graph error body (no Retry-After). */
    public void failNext(String pathContains, int times, int status) {
        faults.add(new Faults.Rule(pathContains, Faults.Kind.STATUS, times, status, -1, 0));
    }

    /** Matching requests wait this long before being answered, until {@link #clearFaults()}. */
    public void latency(String pathContains, Duration delay) {
        faults.add(new Faults.Rule(pathContains, Faults.Kind.LATENCY, -1, 0, 0, delay.toMillis()));
    }

    /** The next {@code times} matching requests have their connection closed without an answer. */
    public void dropNext(String pathContains, int times) {
        faults.add(new Faults.Rule(pathContains, Faults.Kind.DROP, times, 0, 0, 0));
    }

    /** The next {@code times} matching requests get a 200 page of truncated JSON. */
    public void malformedNext(String pathContains, int times) {
        faults.add(new Faults.Rule(pathContains, Faults.Kind.MALFORMED, times, 0, 0, 0));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Requests served so far whose "METHOD path?query" contains {@code text}. */
    public int requestCount(String text) {
        synchronized (requestLog) {
            return (int) requestLog.stream().filter(r -> r.contains(text)).count();
        }
    }

    /** All requests served so far. */
    public int requestCount() {
        return requestCount.get();
    }

    // ---------------------------------------------------------------- loading

    private void load(TenantFixture fixture) {
        state.unifiedWritebackDefault = fixture.newUnifiedGroupWritebackDefault();
        for (TenantFixture.User u : fixture.users()) {
            putUser(u, 0);
        }
        for (GeneratedUsers.GeneratedUser gu : fixture.generatedUsers()) {
            UserEntry u = new UserEntry(gu.id());
            u.displayName = gu.displayName();
            u.userPrincipalName = gu.userPrincipalName();
            u.onPremisesSyncEnabled = true;
            u.onPremisesSecurityIdentifier = gu.sid();
            u.onPremisesSamAccountName = gu.samAccountName();
            state.users.put(u.id, u);
        }
        Map<String, List<GeneratedUsers.GeneratedUser>> generated = fixture.generatedUsersByPrefix();
        for (TenantFixture.Group g : fixture.groups()) {
            putGroup(g, 0);
        }
        for (TenantFixture.Group g : fixture.groups()) {
            GroupEntry entry = state.groups.get(g.id());
            entry.members.addAll(g.members());
            if (g.membersGenerated() != null) {
                List<GeneratedUsers.GeneratedUser> block = generated.get(g.membersGenerated().prefix());
                for (int i = 0; i < g.membersGenerated().count(); i++) {
                    entry.members.add(block.get(i).id());
                }
            }
        }
    }

    private void putUser(TenantFixture.User user, long at) {
        UserEntry u = new UserEntry(user.id().toLowerCase());
        u.displayName = user.displayName();
        u.userPrincipalName = user.userPrincipalName();
        u.mail = user.mail();
        u.onPremisesSyncEnabled = user.onPremisesSyncEnabled();
        u.onPremisesSecurityIdentifier = user.onPremisesSecurityIdentifier();
        u.onPremisesDistinguishedName = user.onPremisesDistinguishedName();
        u.onPremisesSamAccountName = user.onPremisesSamAccountName();
        u.changedSeq = at;
        state.users.put(u.id, u);
    }

    private GroupEntry putGroup(TenantFixture.Group group, long at) {
        GroupEntry g = new GroupEntry(group.id().toLowerCase());
        g.displayName = group.displayName();
        g.description = group.description();
        g.mailNickname = group.mailNickname();
        g.mail = group.mail();
        g.groupTypes = group.groupTypes();
        g.securityEnabled = group.securityEnabled();
        g.mailEnabled = group.mailEnabled();
        g.onPremisesSyncEnabled = group.onPremisesSyncEnabled();
        g.proxyAddresses = !group.proxyAddresses().isEmpty() || group.mail() == null ? group.proxyAddresses()
                : List.of("SMTP:" + group.mail());
        g.writebackEnabled = group.writebackEnabled();
        g.writebackGroupType = group.writebackGroupType();
        g.createdSeq = at;
        g.propsSeq = at;
        g.fullMembersSeq = at;
        state.groups.put(g.id, g);
        return g;
    }

    private void applyWriteback(GroupEntry g, Boolean isEnabled, String type) {
        if (type != null && !TenantFixture.ON_PREMISES_GROUP_TYPES.contains(type)) {
            throw new IllegalArgumentException("onPremisesGroupType must be one of "
                    + TenantFixture.ON_PREMISES_GROUP_TYPES);
        }
        g.writebackEnabled = isEnabled;
        g.writebackGroupType = type;
        long at = state.next();
        if (writebackChangesInV1Delta) {
            g.propsSeq = at;
        }
    }

    private GroupEntry group(String id) {
        GroupEntry g = state.groups.get(id.toLowerCase());
        if (g == null || !g.visible()) {
            throw new IllegalArgumentException("No group " + id);
        }
        return g;
    }

    private GroupEntry anyGroup(String id) {
        GroupEntry g = state.groups.get(id.toLowerCase());
        if (g == null || g.hardDeletedSeq != 0) {
            throw new IllegalArgumentException("No group " + id);
        }
        return g;
    }

    private UserEntry user(String id) {
        UserEntry u = state.users.get(id.toLowerCase());
        if (u == null || !u.alive()) {
            throw new IllegalArgumentException("No user " + id);
        }
        return u;
    }

    private void requireMember(String id) {
        UserEntry u = state.users.get(id);
        GroupEntry g = state.groups.get(id);
        if ((u == null || !u.alive()) && (g == null || !g.visible())) {
            throw new IllegalArgumentException("No user or group " + id);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---------------------------------------------------------------- HTTP

    /** An answer to send: status, JSON body (or raw bytes), extra headers. */
    private record Reply(int status, byte[] body, Map<String, String> headers) {
        static Reply json(int status, byte[] body) {
            return new Reply(status, body, Map.of());
        }
    }

    private static final class HttpError extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Reply reply;

        HttpError(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String line = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query);
            synchronized (requestLog) {
                if (requestLog.size() >= 200_000) {
                    // A long-running demo keeps only the recent half of its request log.
                    requestLog.subList(0, 100_000).clear();
                }
                requestLog.add(line);
            }
            requestCount.incrementAndGet();
            Reply reply = null;
            for (Faults.Rule rule : faults.match(path)) {
                switch (rule.kind) {
                    case LATENCY -> sleep(rule.latencyMillis);
                    case DROP -> {
                        // Closing before any header is sent makes the JDK server drop the connection.
                        return;
                    }
                    case MALFORMED -> reply = Reply.json(200,
                            "{\"value\":[{\"id\":\"broken".getBytes(StandardCharsets.UTF_8));
                    case STATUS -> {
                        String code = switch (rule.status) {
                            case 429 -> "TooManyRequests";
                            case 503 -> "serviceNotAvailable";
                            default -> "generalException";
                        };
                        Reply error = graphError(rule.status, code, rule.status == 429
                                ? "Too many requests. Retry after " + rule.retryAfterSeconds + " seconds."
                                : "The service is temporarily unavailable.");
                        reply = rule.retryAfterSeconds >= 0 ? new Reply(error.status(), error.body(),
                                Map.of("Retry-After", Integer.toString(rule.retryAfterSeconds))) : error;
                    }
                }
            }
            if (reply == null) {
                try {
                    reply = route(exchange, path, query);
                } catch (HttpError e) {
                    reply = e.reply;
                } catch (RuntimeException e) {
                    LOG.warn("Tenant emulator failed on {}", line, e);
                    reply = graphError(500, "generalException", "Internal error: " + e.getMessage());
                }
            }
            try {
                exchange.getRequestBody().readAllBytes();
            } catch (IOException e) {
                // Already consumed by the handler.
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (reply.body() == null) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                if (!reply.headers().containsKey("Content-Type")) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                }
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply route(HttpExchange ex, String rawPath, String rawQuery) throws IOException, HttpError {
        List<String> seg = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> q = parseQuery(rawQuery);
        String method = ex.getRequestMethod();
        String origin = requestOrigin(ex);
        if (seg.isEmpty()) {
            return graphError(404, "NotFound", "No resource at /");
        }
        if (seg.get(0).equals("_admin")) {
            return admin(ex, method, seg.subList(1, seg.size()));
        }
        if (seg.get(0).equals("v1.0") || seg.get(0).equals("beta")) {
            JsonNode claims = authenticate(ex, origin);
            return graph(ex, method, seg.get(0), seg.subList(1, seg.size()), q, origin, claims);
        }
        String tenant = seg.get(0);
        if (!knownTenant(tenant)) {
            return aadError(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make sure "
                    + "you have the correct tenant ID and are signing into the correct cloud.");
        }
        String rest = String.join("/", seg.subList(1, seg.size()));
        switch (rest) {
            case "v2.0/.well-known/openid-configuration":
                return ok(openIdConfiguration(origin));
            case "discovery/v2.0/keys":
            case "discovery/keys":
                return ok(tokens.jwks());
            case "oauth2/v2.0/token":
                requirePost(method);
                return token(readForm(ex), origin);
            case "oauth2/v2.0/authorize":
                return authorize(q);
            case "oauth2/v2.0/devicecode":
                requirePost(method);
                return deviceCode(readForm(ex), origin);
            default:
                return graphError(404, "NotFound", "No resource at " + rawPath);
        }
    }

    /**
     * The HTTP admin API ({@code /_admin/...}, header {@code X-Admin-Key: <client secret>}): the control API for
     * scripts driving a running demo environment. Answers 204, or 201 with {"id"} for creations.
     */
    private Reply admin(HttpExchange ex, String method, List<String> seg) throws IOException {
        String key = ex.getRequestHeaders().getFirst("X-Admin-Key");
        if (key == null || !key.equals(clientSecret)) {
            return graphError(401, "Unauthorized", "The admin API needs the header X-Admin-Key with the client secret.");
        }
        byte[] raw = ex.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
        String path = method + " " + String.join("/", seg.stream().map(p -> p.matches("[0-9a-fA-F-]{36}") ? "{id}" : p)
                .toList());
        try {
            switch (path) {
                case "POST groups" -> {
                    List<String> types = new ArrayList<>();
                    body.path("groupTypes").forEach(t -> types.add(t.asText()));
                    List<String> members = new ArrayList<>();
                    body.path("members").forEach(m -> members.add(m.asText().toLowerCase()));
                    String id = createGroup(body.path("displayName").asText(), body.path("mailNickname").asText(),
                            types, body.path("securityEnabled").asBoolean(false), body.path("mailEnabled").asBoolean(false),
                            members);
                    return Reply.json(201, json.writeValueAsBytes(json.createObjectNode().put("id", id)));
                }
                case "PATCH groups/{id}" -> {
                    if (body.has("displayName")) {
                        renameGroup(seg.get(1), body.path("displayName").asText());
                    }
                    if (body.has("description")) {
                        setDescription(seg.get(1), body.path("description").isNull() ? null
                                : body.path("description").asText());
                    }
                }
                case "DELETE groups/{id}" -> hardDeleteGroup(seg.get(1));
                case "POST groups/{id}/softDelete" -> softDeleteGroup(seg.get(1));
                case "POST groups/{id}/restore" -> restoreGroup(seg.get(1));
                case "POST groups/{id}/members" -> addMember(seg.get(1), body.path("id").asText().toLowerCase());
                case "DELETE groups/{id}/members/{id}" -> removeMember(seg.get(1), seg.get(3).toLowerCase());
                case "PUT groups/{id}/writeback" -> setWriteback(seg.get(1),
                        body.path("isEnabled").isBoolean() ? body.path("isEnabled").asBoolean() : null,
                        body.path("onPremisesGroupType").isTextual() ? body.path("onPremisesGroupType").asText() : null);
                case "PUT settings" -> setUnifiedWritebackDefault(body.path("NewUnifiedGroupWritebackDefault").isBoolean()
                        ? body.path("NewUnifiedGroupWritebackDefault").asBoolean() : null);
                case "POST users" -> {
                    String id = body.path("id").asText(UUID.randomUUID().toString());
                    addUser(new TenantFixture.User(id, body.path("displayName").asText(id),
                            body.path("userPrincipalName").asText(id + "@" + state.defaultDomain),
                            body.path("mail").asText(null),
                            body.path("onPremisesSyncEnabled").isBoolean() ? body.path("onPremisesSyncEnabled").asBoolean()
                                    : null, body.path("onPremisesSecurityIdentifier").asText(null),
                            body.path("onPremisesDistinguishedName").asText(null),
                            body.path("onPremisesSamAccountName").asText(null)));
                    return Reply.json(201, json.writeValueAsBytes(json.createObjectNode().put("id", id)));
                }
                case "DELETE users/{id}" -> deleteUser(seg.get(1));
                case "POST expireDeltaLinks" -> expireDeltaLinks();
                case "POST faults" -> {
                    String on = body.path("path").asText("/");
                    int times = body.path("times").asInt(1);
                    int retryAfter = body.path("retryAfter").asInt(1);
                    switch (body.path("kind").asText()) {
                        case "throttle" -> throttleNext(on, times, retryAfter);
                        case "unavailable" -> unavailableNext(on, times, retryAfter);
                        case "drop" -> dropNext(on, times);
                        case "malformed" -> malformedNext(on, times);
                        case "latency" -> latency(on, Duration.ofMillis(body.path("millis").asLong()));
                        default -> {
                            return graphError(400, "BadRequest",
                                    "kind must be throttle, unavailable, drop, malformed or latency");
                        }
                    }
                }
                case "DELETE faults" -> clearFaults();
                default -> {
                    return graphError(404, "NotFound", "No admin operation " + path);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return graphError(400, "BadRequest", e.getMessage());
        }
        return new Reply(204, null, Map.of());
    }

    private boolean knownTenant(String tenant) {
        return tenant.equalsIgnoreCase(state.tenantId) || tenant.equalsIgnoreCase(state.defaultDomain)
                || tenant.equals("organizations") || tenant.equals("common");
    }

    private void requirePost(String method) throws HttpError {
        if (!method.equals("POST")) {
            throw new HttpError(aadError(405, "invalid_request", 900561, "The endpoint only accepts POST requests."));
        }
    }

    private static String requestOrigin(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = "127.0.0.1:" + ex.getLocalAddress().getPort();
        }
        return "https://" + host;
    }

    private Set<String> audiences() {
        return Set.of("https://127.0.0.1:" + port(), "https://localhost:" + port());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.put(key, value);
        }
        return map;
    }

    private static Map<String, String> readForm(HttpExchange ex) throws IOException {
        return parseQuery(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Reply ok(JsonNode body) throws IOException {
        return Reply.json(200, json.writeValueAsBytes(body));
    }

    private Reply graphError(int status, String code, String message) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code).put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().toString()).put("request-id", UUID.randomUUID().toString())
                .put("client-request-id", UUID.randomUUID().toString());
        try {
            return Reply.json(status, json.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply aadError(int status, String error, int code, String description) {
        ObjectNode root = json.createObjectNode();
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        root.put("error", error)
                .put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + trace
                        + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + Instant.now())
                .put("timestamp", Instant.now().toString()).put("trace_id", trace).put("correlation_id", correlation);
        root.putArray("error_codes").add(code);
        try {
            return Reply.json(status, json.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- sign-in

    private ObjectNode openIdConfiguration(String origin) {
        String base = origin + "/" + state.tenantId;
        ObjectNode c = json.createObjectNode();
        c.put("issuer", base + "/v2.0")
                .put("authorization_endpoint", base + "/oauth2/v2.0/authorize")
                .put("token_endpoint", base + "/oauth2/v2.0/token")
                .put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode")
                .put("jwks_uri", base + "/discovery/v2.0/keys")
                .put("tenant_region_scope", "EU")
                .put("request_uri_parameter_supported", false);
        c.putArray("response_types_supported").add("code").add("id_token").add("code id_token");
        c.putArray("subject_types_supported").add("pairwise");
        c.putArray("id_token_signing_alg_values_supported").add("RS256");
        c.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("private_key_jwt");
        c.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        c.putArray("grant_types_supported").add("client_credentials").add("refresh_token")
                .add("urn:ietf:params:oauth:grant-type:device_code");
        return c;
    }

    private Reply token(Map<String, String> form, String origin) throws IOException {
        String grant = form.getOrDefault("grant_type", "");
        String id = form.get("client_id");
        Client client = id == null ? null : clients.get(id);
        if (client == null) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + id
                    + "' was not found in the directory '" + state.displayName + "'.");
        }
        switch (grant) {
            case "client_credentials": {
                if (client.publicClient()) {
                    return aadError(401, "invalid_client", 7000218,
                            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
                }
                String secret = form.get("client_secret");
                String assertion = form.get("client_assertion");
                if (assertion != null) {
                    String problem = checkAssertion(client, assertion);
                    if (problem != null) {
                        return aadError(401, "invalid_client", 700027, "Client assertion failed signature "
                                + "validation or is not usable: " + problem);
                    }
                } else if (secret == null || !secret.equals(client.secret())) {
                    return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the "
                            + "secret being sent in the request is the client secret value, not the client secret ID, "
                            + "for a secret added to app '" + client.id() + "'.");
                }
                String resource = resourceOf(form.get("scope"));
                if (resource == null || !audiences().contains(resource)) {
                    return aadError(400, "invalid_resource", 500011, "The resource principal named " + resource
                            + " was not found in the tenant named " + state.displayName + ".");
                }
                ObjectNode response = json.createObjectNode();
                response.put("token_type", "Bearer").put("expires_in", tokenLifetime.toSeconds())
                        .put("ext_expires_in", tokenLifetime.toSeconds())
                        .put("access_token", accessToken(origin, resource, client, null));
                return ok(response);
            }
            case "urn:ietf:params:oauth:grant-type:device_code", "device_code": {
                String code = form.getOrDefault("device_code", form.getOrDefault("code", ""));
                String[] pending = deviceCodes.remove(code);
                if (pending == null) {
                    return aadError(400, "expired_token", 70020, "The provided value for the input parameter "
                            + "'device_code' is not valid or has expired.");
                }
                return delegatedTokens(origin, client, pending[1]);
            }
            case "authorization_code": {
                String[] pending = authorizationCodes.remove(form.getOrDefault("code", ""));
                if (pending == null || !pending[0].equals(client.id())
                        || !pending[2].equals(form.getOrDefault("redirect_uri", ""))) {
                    return aadError(400, "invalid_grant", 70008, "The provided authorization code or refresh token "
                            + "has expired or was already used, or the redirect URI does not match.");
                }
                return delegatedTokens(origin, client, form.getOrDefault("scope", pending[1]));
            }
            case "refresh_token": {
                String[] grantInfo = refreshTokens.get(form.getOrDefault("refresh_token", ""));
                if (grantInfo == null || !grantInfo[0].equals(client.id())) {
                    return aadError(400, "invalid_grant", 9002313, "Invalid request. The refresh token is malformed "
                            + "or not valid.");
                }
                String scope = form.getOrDefault("scope", grantInfo[1]);
                return delegatedTokens(origin, client, scope);
            }
            default:
                return aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                        + grant + "'.");
        }
    }

    /** Null when the client assertion is a JWT for this client signed by its registered certificate. */
    private String checkAssertion(Client client, String assertion) {
        if (client.certificate() == null) {
            return "no certificate is registered for app " + client.id();
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "malformed JWT";
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            JsonNode header = json.readTree(d.decode(parts[0]));
            JsonNode claims = json.readTree(d.decode(parts[1]));
            java.security.Signature verifier;
            switch (header.path("alg").asText()) {
                case "RS256" -> verifier = java.security.Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    verifier = java.security.Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                }
                default -> {
                    return "unsupported alg " + header.path("alg").asText();
                }
            }
            verifier.initVerify(client.certificate().getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(d.decode(parts[2]))) {
                return "signature does not match the registered certificate";
            }
            if (!client.id().equals(claims.path("iss").asText()) || !client.id().equals(claims.path("sub").asText())) {
                return "iss/sub is not the client id";
            }
            if (claims.path("exp").asLong() <= Instant.now().getEpochSecond()) {
                return "expired";
            }
            return null;
        } catch (IOException | IllegalArgumentException | java.security.GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    /**
     * The authorization endpoint of the interactive (browser + loopback) flow: the demo tenant signs the
     * administrator in at once and redirects back to the registered loopback URI with a code.
     */
    private Reply authorize(Map<String, String> q) {
        String id = q.get("client_id");
        String redirect = q.get("redirect_uri");
        if (id == null || !clients.containsKey(id)) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + id
                    + "' was not found in the directory '" + state.displayName + "'.");
        }
        URI target;
        try {
            target = redirect == null ? null : URI.create(redirect);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        if (target == null || !"http".equals(target.getScheme())
                || !Set.of("localhost", "127.0.0.1").contains(target.getHost())) {
            return aadError(400, "invalid_request", 50011, "The redirect URI '" + redirect + "' specified in the "
                    + "request does not match the redirect URIs configured for the application (loopback only).");
        }
        String code = randomSecret();
        authorizationCodes.put(code, new String[] {id, q.getOrDefault("scope", ""), redirect});
        if ("form_post".equals(q.get("response_mode"))) {
            // What Entra sends a browser for response_mode=form_post (MSAL4J's loopback reads the POST body).
            String html = "<html><body onload=\"document.forms[0].submit()\"><form method=\"POST\" action=\""
                    + htmlEscape(redirect) + "\"><input type=\"hidden\" name=\"code\" value=\"" + code + "\"/>"
                    + (q.get("state") == null ? "" : "<input type=\"hidden\" name=\"state\" value=\""
                    + htmlEscape(q.get("state")) + "\"/>") + "</form></body></html>";
            return new Reply(200, html.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/html; charset=utf-8"));
        }
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (q.get("state") == null ? "" : "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        return new Reply(302, null, Map.of("Location", location));
    }

    private static String htmlEscape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private final Map<String, String[]> authorizationCodes = new ConcurrentHashMap<>();

    private Reply deviceCode(Map<String, String> form, String origin) throws IOException {
        String id = form.get("client_id");
        if (id == null || !clients.containsKey(id)) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + id
                    + "' was not found in the directory '" + state.displayName + "'.");
        }
        String code = randomSecret();
        String userCode = Integer.toString(100_000_000 + new SecureRandom().nextInt(800_000_000), 36).toUpperCase();
        // The demo tenant approves at once: the first poll gets tokens.
        deviceCodes.put(code, new String[] {id, form.getOrDefault("scope", "")});
        ObjectNode response = json.createObjectNode();
        response.put("user_code", userCode).put("device_code", code)
                .put("verification_uri", origin + "/devicelogin").put("expires_in", 900).put("interval", 1)
                .put("message", "The demo tenant signs you in automatically (code " + userCode + ").");
        return ok(response);
    }

    private Reply delegatedTokens(String origin, Client client, String scope) throws IOException {
        String resource = resourceOf(scope);
        if (resource == null) {
            resource = origin;
        }
        ObjectNode response = json.createObjectNode();
        String refresh = randomSecret();
        refreshTokens.put(refresh, new String[] {client.id(), scope});
        long now = Instant.now().getEpochSecond();
        ObjectNode id = json.createObjectNode();
        id.put("aud", client.id()).put("iss", origin + "/" + state.tenantId + "/v2.0").put("iat", now)
                .put("nbf", now).put("exp", now + tokenLifetime.toSeconds()).put("name", "Demo Administrator")
                .put("oid", adminUserId).put("sub", adminUserId).put("tid", state.tenantId)
                .put("preferred_username", "admin@" + state.defaultDomain).put("ver", "2.0");
        String clientInfo = TokenIssuer.base64Url(json.writeValueAsBytes(
                json.createObjectNode().put("uid", adminUserId).put("utid", state.tenantId)));
        response.put("token_type", "Bearer").put("scope", scope == null ? "" : scope)
                .put("expires_in", tokenLifetime.toSeconds()).put("ext_expires_in", tokenLifetime.toSeconds())
                .put("access_token", accessToken(origin, resource, client, adminUserId))
                .put("refresh_token", refresh).put("id_token", tokens.sign(id)).put("client_info", clientInfo);
        return ok(response);
    }

    /** The resource of the first scope that names one ({@code https://host:port/.default} -> origin). */
    private String resourceOf(String scope) {
        if (scope == null) {
            return null;
        }
        for (String s : scope.split(" ")) {
            if (s.startsWith("https://")) {
                int slash = s.indexOf('/', "https://".length());
                return slash < 0 ? s : s.substring(0, slash);
            }
        }
        return null;
    }

    private String accessToken(String origin, String audience, Client client, String userId) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = json.createObjectNode();
        claims.put("aud", audience).put("iss", origin + "/" + state.tenantId + "/v2.0").put("iat", now)
                .put("nbf", now).put("exp", now + tokenLifetime.toSeconds()).put("appid", client.id())
                .put("tid", state.tenantId).put("ver", "2.0")
                // Unique per token, as Entra's "uti": two tokens issued in the same second still differ.
                .put("uti", UUID.randomUUID().toString());
        if (userId == null) {
            ArrayNode roles = claims.putArray("roles");
            client.roles().stream().sorted().forEach(roles::add);
            claims.put("sub", client.id()).put("idtyp", "app");
        } else {
            claims.put("oid", userId).put("sub", userId).put("scp", "Group.ReadWrite.All Directory.Read.All User.Read")
                    .put("upn", "admin@" + state.defaultDomain);
        }
        return tokens.sign(claims);
    }

    private JsonNode authenticate(HttpExchange ex, String origin) throws HttpError {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new HttpError(graphError(401, "InvalidAuthenticationToken", "Access token is empty."));
        }
        JsonNode claims;
        try {
            claims = tokens.verify(header.substring(7).trim());
        } catch (TokenIssuer.InvalidTokenException e) {
            throw new HttpError(graphError(401, "InvalidAuthenticationToken", e.getMessage()));
        }
        if (claims.path("exp").asLong() <= Instant.now().getEpochSecond()) {
            throw new HttpError(graphError(401, "InvalidAuthenticationToken",
                    "Lifetime validation failed, the token is expired."));
        }
        if (!audiences().contains(claims.path("aud").asText())) {
            throw new HttpError(graphError(401, "InvalidAuthenticationToken",
                    "Access token validation failure. Invalid audience."));
        }
        return claims;
    }

    private void authorize(JsonNode claims, Set<String> needed) throws HttpError {
        if (claims.has("scp")) {
            return;
        }
        for (JsonNode role : claims.path("roles")) {
            if (needed.contains(role.asText())) {
                return;
            }
        }
        throw new HttpError(graphError(403, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation."));
    }

    // ---------------------------------------------------------------- Graph

    private Reply graph(HttpExchange ex, String method, String version, List<String> seg, Map<String, String> q,
            String origin, JsonNode claims) throws IOException, HttpError {
        boolean beta = version.equals("beta");
        String base = origin + "/" + version;
        if (method.equals("PATCH")) {
            authorize(claims, WRITE_ROLES);
            if (seg.size() == 2 && seg.get(0).equals("groups")) {
                return patchGroup(ex, beta, seg.get(1));
            }
            return graphError(405, "Request_BadRequest", "Unsupported method " + method);
        }
        if (!method.equals("GET")) {
            return graphError(405, "Request_BadRequest", "Unsupported method " + method);
        }
        authorize(claims, READ_ROLES);
        int top = top(q, 100);
        Set<String> select = select(q);
        if (seg.size() == 1) {
            switch (seg.get(0)) {
                case "organization":
                    return ok(page(base + "/$metadata#organization", List.of(organization()), null, null));
                case "groupSettings":
                    return ok(page(base + "/$metadata#groupSettings", groupSettings(), null, null));
                case "groups":
                    return list(base, "groups", q, top, select, beta);
                case "users":
                    return list(base, "users", q, top, select, beta);
                case "me":
                    if (!claims.has("oid")) {
                        return graphError(400, "BadRequest",
                                "/me request is only valid with delegated authentication flow.");
                    }
                    ObjectNode me = json.createObjectNode();
                    me.put("id", claims.path("oid").asText()).put("displayName", "Demo Administrator")
                            .put("userPrincipalName", claims.path("upn").asText());
                    return ok(me);
                default:
                    return graphError(400, "BadRequest", "Resource not found for the segment '" + seg.get(0) + "'.");
            }
        }
        if (seg.size() == 3 && seg.get(0).equals("directory") && seg.get(1).equals("deletedItems")
                && (seg.get(2).equals("microsoft.graph.group") || seg.get(2).equals("graph.group"))) {
            return deletedGroups(base, q, top, select, beta);
        }
        String collection = seg.get(0);
        if (seg.size() == 2 && (seg.get(1).equals("delta") || seg.get(1).equals("delta()"))
                && (collection.equals("groups") || collection.equals("users"))) {
            return delta(base, version, collection, q, select, beta);
        }
        synchronized (lock) {
            if (collection.equals("groups")) {
                GroupEntry g = state.groups.get(seg.get(1).toLowerCase());
                if (g == null || !g.visible()) {
                    return notFound(seg.get(1));
                }
                if (seg.size() == 2) {
                    checkSelect(select, GROUP_FIELDS, beta, "group");
                    return ok(renderGroup(g, select, beta));
                }
                if (seg.size() == 3 && seg.get(2).equals("members")) {
                    int offset = skip(q);
                    List<String> ids = new ArrayList<>(g.members);
                    List<ObjectNode> items = new ArrayList<>();
                    for (String id : TenantState.page(ids, offset, top)) {
                        GroupEntry mg = state.groups.get(id);
                        items.add(mg != null ? renderGroup(mg, select, beta) : renderUser(state.users.get(id), select));
                    }
                    String next = offset + top < ids.size()
                            ? base + "/groups/" + g.id + "/members?$top=" + top + "&$skiptoken=" + (offset + top)
                            + selectParam(q) : null;
                    return ok(page(base + "/$metadata#directoryObjects", items, next, null));
                }
            } else if (collection.equals("users") && seg.size() == 2) {
                UserEntry u = state.users.get(seg.get(1).toLowerCase());
                if (u == null || !u.alive()) {
                    return notFound(seg.get(1));
                }
                checkSelect(select, USER_FIELDS, false, "user");
                return ok(renderUser(u, select));
            }
        }
        return graphError(400, "BadRequest", "Resource not found for the segment '" + String.join("/", seg) + "'.");
    }

    private Reply notFound(String id) {
        return graphError(404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    private Reply patchGroup(HttpExchange ex, boolean beta, String id) throws IOException, HttpError {
        JsonNode body;
        try {
            body = json.readTree(ex.getRequestBody().readAllBytes());
        } catch (IOException e) {
            return graphError(400, "BadRequest", "Invalid JSON in request body.");
        }
        if (body == null || !body.isObject()) {
            return graphError(400, "BadRequest", "Empty Payload. JSON content expected.");
        }
        synchronized (lock) {
            GroupEntry g = state.groups.get(id.toLowerCase());
            if (g == null || !g.visible()) {
                return notFound(id);
            }
            for (var it = body.fields(); it.hasNext(); ) {
                var field = it.next();
                switch (field.getKey()) {
                    case "displayName" -> {
                        g.displayName = field.getValue().asText();
                        g.propsSeq = state.next();
                    }
                    case "description" -> {
                        g.description = field.getValue().isNull() ? null : field.getValue().asText();
                        g.propsSeq = state.next();
                    }
                    case "writebackConfiguration" -> {
                        if (!beta) {
                            return graphError(400, "Request_BadRequest", "Invalid property 'writebackConfiguration'.");
                        }
                        JsonNode wb = field.getValue();
                        JsonNode enabled = wb.get("isEnabled");
                        JsonNode type = wb.get("onPremisesGroupType");
                        String typeText = type == null || type.isNull() ? null : type.asText();
                        if (typeText != null && !TenantFixture.ON_PREMISES_GROUP_TYPES.contains(typeText)) {
                            return graphError(400, "Request_BadRequest", "Invalid value specified for property "
                                    + "'onPremisesGroupType' of resource 'Group'.");
                        }
                        // A PATCH sets what it names and leaves the other property as it was.
                        applyWriteback(g, enabled == null ? g.writebackEnabled
                                : enabled.isNull() ? null : enabled.asBoolean(),
                                type == null ? g.writebackGroupType : typeText);
                    }
                    case "@odata.type" -> {
                    }
                    default -> {
                        return graphError(400, "Request_BadRequest", "Invalid property '" + field.getKey() + "'.");
                    }
                }
            }
        }
        return new Reply(204, null, Map.of());
    }

    private ObjectNode organization() {
        ObjectNode org = json.createObjectNode();
        org.put("id", state.tenantId).put("displayName", state.displayName).put("tenantType", "AAD");
        ArrayNode domains = org.putArray("verifiedDomains");
        domains.addObject().put("name", state.defaultDomain).put("isDefault", true).put("isInitial", true)
                .put("type", "Managed").put("capabilities", "Email, OfficeCommunicationsOnline");
        return org;
    }

    private List<ObjectNode> groupSettings() {
        synchronized (lock) {
            if (state.unifiedWritebackDefault == null) {
                return List.of();
            }
            ObjectNode setting = json.createObjectNode();
            setting.put("id", UUID.nameUUIDFromBytes((state.tenantId + ":Group.Unified").getBytes(StandardCharsets.UTF_8))
                    .toString()).put("displayName", "Group.Unified").put("templateId", GROUP_UNIFIED_TEMPLATE);
            setting.putArray("values").addObject().put("name", "NewUnifiedGroupWritebackDefault")
                    .put("value", state.unifiedWritebackDefault.toString());
            return List.of(setting);
        }
    }

    private Reply list(String base, String collection, Map<String, String> q, int top, Set<String> select,
            boolean beta) throws IOException, HttpError {
        int offset = skip(q);
        List<ObjectNode> items = new ArrayList<>();
        int total;
        synchronized (lock) {
            if (collection.equals("groups")) {
                checkSelect(select, GROUP_FIELDS, beta, "group");
                List<GroupEntry> all = state.visibleGroups();
                total = all.size();
                for (GroupEntry g : TenantState.page(all, offset, top)) {
                    items.add(renderGroup(g, select, beta));
                }
            } else {
                checkSelect(select, USER_FIELDS, false, "user");
                List<UserEntry> all = state.aliveUsers();
                total = all.size();
                for (UserEntry u : TenantState.page(all, offset, top)) {
                    items.add(renderUser(u, select));
                }
            }
        }
        String next = offset + top < total
                ? base + "/" + collection + "?$top=" + top + "&$skiptoken=" + (offset + top) + selectParam(q) : null;
        return ok(page(base + "/$metadata#" + collection, items, next, null));
    }

    private Reply deletedGroups(String base, Map<String, String> q, int top, Set<String> select, boolean beta)
            throws IOException, HttpError {
        int offset = skip(q);
        checkSelect(select, GROUP_FIELDS, beta, "group");
        List<ObjectNode> items = new ArrayList<>();
        int total;
        synchronized (lock) {
            List<GroupEntry> all = new ArrayList<>();
            for (GroupEntry g : state.groups.values()) {
                if (g.softDeleted && g.hardDeletedSeq == 0) {
                    all.add(g);
                }
            }
            total = all.size();
            for (GroupEntry g : TenantState.page(all, offset, top)) {
                items.add(renderGroup(g, select, beta));
            }
        }
        String next = offset + top < total ? base + "/directory/deletedItems/microsoft.graph.group?$top=" + top
                + "&$skiptoken=" + (offset + top) + selectParam(q) : null;
        return ok(page(base + "/$metadata#groups", items, next, null));
    }

    private static String selectParam(Map<String, String> q) {
        String select = q.get("$select");
        return select == null ? "" : "&$select=" + URLEncoder.encode(select, StandardCharsets.UTF_8);
    }

    private int top(Map<String, String> q, int defaultTop) throws HttpError {
        String value = q.get("$top");
        if (value == null) {
            return defaultTop;
        }
        int top;
        try {
            top = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            top = -1;
        }
        if (top < 1 || top > MAX_TOP) {
            throw new HttpError(graphError(400, "Request_UnsupportedQuery", "Invalid page size specified: '" + value
                    + "'. Must be between 1 and " + MAX_TOP + " inclusive."));
        }
        return top;
    }

    private int skip(Map<String, String> q) throws HttpError {
        String value = q.get("$skiptoken");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new HttpError(graphError(400, "Request_BadRequest", "Invalid skip token."));
        }
    }

    private static Set<String> select(Map<String, String> q) {
        String value = q.get("$select");
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<String> set = new LinkedHashSet<>();
        for (String s : value.split(",")) {
            set.add(s.trim());
        }
        return set;
    }

    private void checkSelect(Set<String> select, List<String> fields, boolean beta, String type) throws HttpError {
        if (select == null) {
            return;
        }
        for (String s : select) {
            boolean known = fields.contains(s) || (beta && type.equals("group") && s.equals("writebackConfiguration"))
                    || (type.equals("group") && s.equals("members"));
            if (!known) {
                throw new HttpError(graphError(400, "Request_BadRequest", "Could not find a property named '" + s
                        + "' on type 'microsoft.graph." + type + "'."));
            }
        }
    }

    private ObjectNode page(String context, List<ObjectNode> items, String next, String deltaLink) {
        ObjectNode root = json.createObjectNode();
        root.put("@odata.context", context);
        if (next != null) {
            root.put("@odata.nextLink", next);
        }
        if (deltaLink != null) {
            root.put("@odata.deltaLink", deltaLink);
        }
        root.putArray("value").addAll(items);
        return root;
    }

    private ObjectNode renderGroup(GroupEntry g, Set<String> select, boolean beta) {
        ObjectNode n = json.createObjectNode();
        n.put("@odata.type", "#microsoft.graph.group");
        n.put("id", g.id);
        if (want(select, "displayName")) {
            n.put("displayName", g.displayName);
        }
        if (want(select, "description")) {
            n.put("description", g.description);
        }
        if (want(select, "mailNickname")) {
            n.put("mailNickname", g.mailNickname);
        }
        if (want(select, "mail")) {
            n.put("mail", g.mail);
        }
        if (want(select, "groupTypes")) {
            ArrayNode a = n.putArray("groupTypes");
            g.groupTypes.forEach(a::add);
        }
        if (want(select, "securityEnabled")) {
            n.put("securityEnabled", g.securityEnabled);
        }
        if (want(select, "mailEnabled")) {
            n.put("mailEnabled", g.mailEnabled);
        }
        if (want(select, "onPremisesSyncEnabled")) {
            n.put("onPremisesSyncEnabled", g.onPremisesSyncEnabled);
        }
        if (want(select, "proxyAddresses")) {
            ArrayNode a = n.putArray("proxyAddresses");
            g.proxyAddresses.forEach(a::add);
        }
        if (beta && want(select, "writebackConfiguration")) {
            n.putObject("writebackConfiguration").put("isEnabled", g.writebackEnabled)
                    .put("onPremisesGroupType", g.writebackGroupType);
        }
        return n;
    }

    private ObjectNode renderUser(UserEntry u, Set<String> select) {
        ObjectNode n = json.createObjectNode();
        n.put("@odata.type", "#microsoft.graph.user");
        n.put("id", u.id);
        if (want(select, "displayName")) {
            n.put("displayName", u.displayName);
        }
        if (want(select, "userPrincipalName")) {
            n.put("userPrincipalName", u.userPrincipalName);
        }
        if (want(select, "mail")) {
            n.put("mail", u.mail);
        }
        if (want(select, "accountEnabled")) {
            n.put("accountEnabled", true);
        }
        if (want(select, "onPremisesSyncEnabled")) {
            n.put("onPremisesSyncEnabled", u.onPremisesSyncEnabled);
        }
        if (want(select, "onPremisesSecurityIdentifier")) {
            n.put("onPremisesSecurityIdentifier", u.onPremisesSecurityIdentifier);
        }
        if (want(select, "onPremisesDistinguishedName")) {
            n.put("onPremisesDistinguishedName", u.onPremisesDistinguishedName);
        }
        if (want(select, "onPremisesSamAccountName")) {
            n.put("onPremisesSamAccountName", u.onPremisesSamAccountName);
        }
        return n;
    }

    private static boolean want(Set<String> select, String field) {
        return select == null || select.contains(field);
    }

    // ---------------------------------------------------------------- delta

    private Reply delta(String base, String version, String collection, Map<String, String> q, Set<String> select,
            boolean beta) throws IOException, HttpError {
        String skipToken = q.get("$skiptoken");
        String deltaToken = q.get("$deltatoken");
        DeltaSession session;
        int offset = 0;
        String sessionId;
        if (skipToken != null) {
            int dot = skipToken.lastIndexOf('.');
            sessionId = dot < 0 ? skipToken : skipToken.substring(0, dot);
            session = sessions.get(sessionId);
            synchronized (lock) {
                if (session == null || session.epoch() != state.epoch || !session.kind().equals(collection)) {
                    return syncStateNotFound();
                }
            }
            try {
                offset = Integer.parseInt(skipToken.substring(dot + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return syncStateNotFound();
            }
        } else {
            long since = -1;
            int top;
            Set<String> sel = select;
            if (deltaToken != null) {
                JsonNode token;
                try {
                    token = json.readTree(Base64.getUrlDecoder().decode(deltaToken));
                } catch (IllegalArgumentException | IOException e) {
                    return syncStateNotFound();
                }
                synchronized (lock) {
                    if (token == null || token.path("e").asInt(-1) != state.epoch
                            || !token.path("k").asText().equals(collection) || token.path("s").asLong() > state.seq) {
                        return syncStateNotFound();
                    }
                }
                since = token.path("s").asLong();
                top = token.path("t").asInt(collection.equals("users") ? 200 : 100);
                sel = token.hasNonNull("sel") ? new LinkedHashSet<>(Arrays.asList(token.path("sel").asText().split(",")))
                        : null;
            } else {
                top = top(q, collection.equals("users") ? 200 : 100);
                checkSelect(select, collection.equals("groups") ? GROUP_FIELDS : USER_FIELDS, beta,
                        collection.equals("groups") ? "group" : "user");
            }
            synchronized (lock) {
                List<ObjectNode> items = collection.equals("groups") ? groupDeltaItems(since, sel, beta)
                        : userDeltaItems(since, sel);
                session = new DeltaSession(collection, version, items, state.seq, state.epoch, top);
                sessionId = UUID.randomUUID().toString();
                sessions.put(sessionId, session);
                // The select list travels inside the session and the delta token, as Graph bakes it into its tokens.
                sessionSelect.put(sessionId, sel == null ? "" : String.join(",", sel));
            }
        }
        int end = offset;
        int memberEntries = 0;
        List<ObjectNode> items = session.items();
        while (end < items.size() && end - offset < session.top()
                && (end == offset || memberEntries < MEMBERS_PER_PAGE)) {
            JsonNode members = items.get(end).get("members@delta");
            memberEntries += members == null ? 0 : members.size();
            end++;
        }
        String context = base + "/$metadata#" + collection;
        if (end < items.size()) {
            return ok(page(context, items.subList(offset, end),
                    base + "/" + collection + "/delta?$skiptoken=" + sessionId + "." + end, null));
        }
        ObjectNode token = json.createObjectNode().put("e", session.epoch()).put("s", session.endSeq())
                .put("k", collection).put("t", session.top());
        String sel = sessionSelect.get(sessionId);
        if (sel != null && !sel.isEmpty()) {
            token.put("sel", sel);
        }
        String deltaLink = base + "/" + collection + "/delta?$deltatoken="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(token));
        sessions.remove(sessionId);
        sessionSelect.remove(sessionId);
        return ok(page(context, items.subList(offset, end), null, deltaLink));
    }

    private final Map<String, String> sessionSelect = new ConcurrentHashMap<>();

    private Reply syncStateNotFound() {
        return graphError(410, "syncStateNotFound", "The delta token is no longer valid (the sync state was not "
                + "found or has expired). Start a new full synchronization without a delta token.");
    }

    /** Delta items for groups changed after {@code since} (-1 = everything, a full round). */
    private List<ObjectNode> groupDeltaItems(long since, Set<String> select, boolean beta) {
        List<ObjectNode> items = new ArrayList<>();
        boolean withMembers = select == null || select.contains("members");
        Set<String> props = select == null ? null : new HashSet<>(select);
        for (GroupEntry g : state.groups.values()) {
            if (since < 0) {
                if (!g.visible()) {
                    continue;
                }
                addGroupItems(items, g, renderGroup(g, props, beta), withMembers ? memberAdds(g.members) : List.of());
                continue;
            }
            if (g.hardDeletedSeq > since) {
                if (g.createdSeq <= since) {
                    items.add(removed(g.id, "deleted"));
                }
                continue;
            }
            if (g.hardDeletedSeq != 0) {
                continue;
            }
            if (g.softDeleted) {
                if (g.softDeletedSeq > since && g.createdSeq <= since) {
                    items.add(removed(g.id, "changed"));
                }
                continue;
            }
            boolean propsChanged = g.propsSeq > since;
            boolean whole = g.createdSeq > since || g.fullMembersSeq > since;
            List<ObjectNode> members;
            if (!withMembers) {
                members = List.of();
            } else if (whole) {
                members = memberAdds(g.members);
            } else if (g.membersSeq > since) {
                members = new ArrayList<>();
                for (Map.Entry<String, Boolean> e : g.memberChangesSince(since).entrySet()) {
                    ObjectNode m = json.createObjectNode().put("@odata.type", state.odataType(e.getKey()))
                            .put("id", e.getKey());
                    if (!e.getValue()) {
                        m.putObject("@removed").put("reason", "deleted");
                    }
                    members.add(m);
                }
            } else {
                members = List.of();
            }
            if (propsChanged || whole) {
                addGroupItems(items, g, renderGroup(g, props, beta), members);
            } else if (!members.isEmpty()) {
                // Only the membership changed: Graph sends the id and members@delta, no other property.
                ObjectNode item = json.createObjectNode().put("@odata.type", "#microsoft.graph.group").put("id", g.id);
                addGroupItems(items, g, item, members);
            }
        }
        return items;
    }

    private void addGroupItems(List<ObjectNode> items, GroupEntry g, ObjectNode first, List<ObjectNode> members) {
        if (members.isEmpty()) {
            items.add(first);
            return;
        }
        for (int i = 0; i < members.size(); i += MEMBER_CHUNK) {
            ObjectNode item = i == 0 ? first
                    : json.createObjectNode().put("@odata.type", "#microsoft.graph.group").put("id", g.id);
            item.putArray("members@delta").addAll(members.subList(i, Math.min(members.size(), i + MEMBER_CHUNK)));
            items.add(item);
        }
    }

    private List<ObjectNode> memberAdds(Set<String> ids) {
        List<ObjectNode> list = new ArrayList<>(ids.size());
        for (String id : ids) {
            list.add(json.createObjectNode().put("@odata.type", state.odataType(id)).put("id", id));
        }
        return list;
    }

    private ObjectNode removed(String id, String reason) {
        ObjectNode n = json.createObjectNode().put("id", id);
        n.putObject("@removed").put("reason", reason);
        return n;
    }

    private List<ObjectNode> userDeltaItems(long since, Set<String> select) {
        List<ObjectNode> items = new ArrayList<>();
        for (UserEntry u : state.users.values()) {
            if (since < 0) {
                if (u.alive()) {
                    items.add(renderUser(u, select));
                }
            } else if (u.deletedSeq > since) {
                if (u.changedSeq <= since) {
                    items.add(removed(u.id, "changed"));
                }
            } else if (u.alive() && u.changedSeq > since) {
                items.add(renderUser(u, select));
            }
        }
        return items;
    }
}
