package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Microsoft Graph + Entra ID sign-in emulator over HTTPS (its own CA), speaking the subset the
 * engine and the wizard use: OIDC metadata, token and device-code endpoints issuing RS256 JWTs, and
 * {@code /v1.0} + {@code /beta} groups, users, members, delta queries and the group directory setting.
 * The Java control API changes the tenant between cycles and injects faults (throttling, 503, latency,
 * dropped connections, malformed pages, expired delta links). This class is the facade; each area is a
 * handler wired in {@link Router}.
 */
public final class TenantEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEmulator.class);
    /** The application permissions a client gets unless told otherwise. */
    public static final Set<String> DEFAULT_ROLES = Set.of("Group.ReadWrite.All", "User.Read.All",
            "Directory.Read.All");

    private final TenantState state;
    private final TenantControl control;
    private final LocalCertificateAuthority ca;
    private final Path caFile;
    private final EmulatorServer server;
    private final Faults faults;
    private final SignInHandler signIn;
    private final DeltaHandler delta;
    private final ApplicationsHandler applications;
    private final String clientId;
    private final String clientSecret;
    private final String publicClientId;

    private TenantEmulator(Builder b) throws IOException {
        TenantFixture fixture = b.fixture;
        state = new TenantState(fixture.tenant().id(), fixture.tenant().displayName(), fixture.tenant().defaultDomain());
        control = new TenantControl(state);
        control.load(fixture);
        clientId = b.clientId;
        clientSecret = b.clientSecret != null ? b.clientSecret : TokenIssuer.randomSecret();
        publicClientId = b.publicClientId;
        Clients clients = new Clients();
        clients.add(new Clients.Client(clientId, clientSecret, Set.copyOf(b.roles), false, b.clientCertificate));
        clients.add(new Clients.Client(publicClientId, null, Set.of(), true, null));
        ca = new LocalCertificateAuthority("group-writeback tenant emulator");
        Path dir = b.directory != null ? b.directory : Files.createTempDirectory("gwb-tenant");
        caFile = ca.writeCaPem(dir, "tenant-ca.pem");

        ObjectMapper json = new ObjectMapper();
        Replies replies = new Replies(json);
        TokenIssuer tokens = new TokenIssuer(json);
        QueryOptions options = new QueryOptions(replies);
        GraphObjects objects = new GraphObjects(json);
        faults = new Faults(replies);
        server = new EmulatorServer(b.port, ca.serverSslContext(), faults, replies);
        signIn = new SignInHandler(state, clients, tokens, replies, this::audiences);
        delta = new DeltaHandler(state, objects, options, replies);
        applications = new ApplicationsHandler(clients, replies);
        Router.Areas areas = new Router.Areas(signIn, new GraphResourcesHandler(state, objects, options, replies),
                delta, new WritebackHandler(state, replies),
                new AdminHandler(control, faults, delta, replies, clientSecret),
                new DevicesHandler(state, objects, replies, control), applications);
        server.start(new Router(areas, new BearerAuth(tokens, replies, this::audiences), options, replies));
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
        private X509Certificate clientCertificate;

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
        public Builder clientCertificate(X509Certificate certificate) {
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
        return server.port();
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

    /**
     * Whether a writebackConfiguration change makes the group show up in v1.0 group delta (default true).
     * Whether real Graph does this for a beta-only property is not documented; false lets tests check that
     * the engine notices such changes anyway.
     */
    public void setWritebackChangesInV1Delta(boolean value) {
        control.setWritebackChangesInV1Delta(value);
    }

    /** Access tokens issued from now on expire after this long. */
    public void setTokenLifetime(Duration lifetime) {
        signIn.setTokenLifetime(lifetime);
    }

    /** A certificate added to an application is accepted for client credentials only this long after. */
    public void setReplicationDelay(Duration delay) {
        applications.setReplicationDelay(delay);
    }

    /** How many app registrations were created through Graph and not deleted. */
    public int createdApplicationCount() {
        return applications.applicationCount();
    }

    /** Whether the administrator approves interactive and device-code sign-ins (default true; false = declined). */
    public void setApproveSignIn(boolean approve) {
        signIn.setApproveSignIn(approve);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The audiences access tokens may carry: this emulator's origin by address and by name. */
    private Set<String> audiences() {
        return Set.of("https://127.0.0.1:" + port(), "https://localhost:" + port());
    }

    // ---------------------------------------------------------------- control API

    /** Adds (or replaces) a user. */
    public void addUser(TenantFixture.User user) {
        control.addUser(user);
    }

    /** Deletes a user: it leaves all groups and user delta reports it removed. */
    public void deleteUser(String id) {
        control.deleteUser(id);
    }

    /** Creates a group from a fixture entry (members must exist). */
    public void createGroup(TenantFixture.Group group) {
        control.createGroup(group);
    }

    /** Creates a group with the given properties and members; returns its new id. */
    public String createGroup(String displayName, String mailNickname, List<String> groupTypes, boolean securityEnabled,
            boolean mailEnabled, List<String> members) {
        return control.createGroup(displayName, mailNickname, groupTypes, securityEnabled, mailEnabled, members);
    }

    public void renameGroup(String id, String displayName) {
        control.renameGroup(id, displayName);
    }

    public void setDescription(String id, String description) {
        control.setDescription(id, description);
    }

    public void addMember(String groupId, String memberId) {
        control.addMember(groupId, memberId);
    }

    public void removeMember(String groupId, String memberId) {
        control.removeMember(groupId, memberId);
    }

    /** Soft-deletes a Microsoft 365 group (restorable; delta reports {@code @removed: changed}). */
    public void softDeleteGroup(String id) {
        control.softDeleteGroup(id);
    }

    /** Restores a soft-deleted group with its members. */
    public void restoreGroup(String id) {
        control.restoreGroup(id);
    }

    /** Deletes a group permanently (also from the soft-deleted state); delta reports {@code @removed: deleted}. */
    public void hardDeleteGroup(String id) {
        control.hardDeleteGroup(id);
    }

    /** Sets a group's beta writebackConfiguration (null values = not set). */
    /** Converts a synced group's source of authority to the cloud, or rolls the conversion back. */
    public void setCloudManaged(String groupId, boolean managed) {
        control.setCloudManaged(groupId, managed);
    }

    public void setWriteback(String groupId, Boolean isEnabled, String onPremisesGroupType) {
        control.setWriteback(groupId, isEnabled, onPremisesGroupType);
    }

    /** Sets the tenant's {@code NewUnifiedGroupWritebackDefault}; null removes the setting (= true). */
    public void setUnifiedWritebackDefault(Boolean value) {
        control.setUnifiedWritebackDefault(value);
    }

    /** The current member ids of a group. */
    public Set<String> memberIds(String groupId) {
        return control.memberIds(groupId);
    }

    /** The current writebackConfiguration of a group. */
    public WritebackConfiguration writeback(String groupId) {
        return control.writeback(groupId);
    }

    /** Invalidates every delta and skip token handed out so far: using one answers 410 syncStateNotFound. */
    public void expireDeltaLinks() {
        delta.expireAll();
    }

    // ---------------------------------------------------------------- fault injection

    /** The next {@code times} requests whose path contains {@code pathContains} get 429 with Retry-After. */
    public void throttleNext(String pathContains, int times, int retryAfterSeconds) {
        faults.throttleNext(pathContains, times, retryAfterSeconds);
    }

    /** The next {@code times} matching requests get 503 Service Unavailable with Retry-After. */
    public void unavailableNext(String pathContains, int times, int retryAfterSeconds) {
        faults.unavailableNext(pathContains, times, retryAfterSeconds);
    }

    /** The next {@code times} matching requests get this status with a Graph error body (no Retry-After). */
    public void failNext(String pathContains, int times, int status) {
        faults.failNext(pathContains, times, status);
    }

    /** Matching requests wait this long before being answered, until {@link #clearFaults()}. */
    public void latency(String pathContains, Duration delay) {
        faults.latency(pathContains, delay);
    }

    /**
     * The next {@code times} matching requests have their connection closed without an answer. Like every fault, a
     * pattern containing {@code ?} also sees the query, so {@code "/groups/delta?$skiptoken"} hits a follow-up page.
     */
    public void dropNext(String pathContains, int times) {
        faults.dropNext(pathContains, times);
    }

    /** The next {@code times} matching requests get a 200 page of truncated JSON. */
    public void malformedNext(String pathContains, int times) {
        faults.malformedNext(pathContains, times);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Requests served so far whose "METHOD path?query" contains {@code text}. */
    public int requestCount(String text) {
        return server.requestCount(text);
    }

    /** All requests served so far. */
    public int requestCount() {
        return server.requestCount();
    }
}
