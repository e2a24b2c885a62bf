package org.groupwriteback.engine.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.models.GroupSetting;
import com.microsoft.graph.models.GroupSettingCollectionResponse;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.OrganizationCollectionResponse;
import com.microsoft.graph.models.SettingValue;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.VerifiedDomain;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedBoolean;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedNull;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import com.microsoft.kiota.store.BackedModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Microsoft Graph import: signs in with MSAL4J (client credentials), reads groups, members
 * and synced users with delta queries through the Graph SDK v6, reads per-group {@code writebackConfiguration}
 * from {@code /beta}, and merges everything into a {@link CloudSnapshot}. Endpoints, authority and TLS
 * trust come from {@link SyncConfiguration.Cloud}; certificate validation is always on.
 */
public final class GraphCloudSource implements CloudSource {
    private static final Logger LOG = LoggerFactory.getLogger(GraphCloudSource.class);
    /** Additional-data key under which {@link #markExplicitNulls} lists a delta item's null properties. */
    static final String NULL_PROPERTIES = "gwb.nullProperties";
    private static final ObjectMapper NULL_MAPPER = new ObjectMapper();
    static final String[] GROUP_SELECT = {"id", "displayName", "description", "mailNickname", "mail", "groupTypes",
            "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "proxyAddresses", "members"};
    static final String[] USER_SELECT = {"id", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled"};
    /** In large tenants, up to this many changed groups have their writeback read one group at a time. */
    static final int PER_GROUP_WRITEBACK_LIMIT = 20;
    /** Tenants with at most this many groups get all writeback settings re-read every import (<= 6 requests). */
    static final int WRITEBACK_SWEEP_LIMIT = 5_000;
    private static final String GROUP_UNIFIED_TEMPLATE = "62375ab9-6b52-47ed-826b-58e47e0e304b";
    private static final Set<String> MICROSOFT_LOGIN_HOSTS = Set.of("login.microsoftonline.com",
            "login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn",
            "login.microsoftonline.de", "login.windows.net", "login.microsoft.com", "sts.windows.net");

    private final SyncConfiguration.Cloud cloud;
    private final String graphHost;
    private final String betaBase;
    private final String v1Base;
    private final Integer pageSize;
    private final MsalAccessTokenProvider tokens;
    private final OkHttpClient http;
    private final GraphServiceClient graph;
    private final AtomicInteger throttled = new AtomicInteger();
    private int writebackSweepLimit = WRITEBACK_SWEEP_LIMIT;
    private final AtomicInteger requests = new AtomicInteger();

    /** Builds the client from configuration; nothing is contacted until {@link #test()} or an import. */
    public GraphCloudSource(SyncConfiguration.Cloud cloud) throws CloudException {
        this(cloud, null);
    }

    /**
     * As {@link #GraphCloudSource(SyncConfiguration.Cloud)}, asking Graph for {@code pageSize} items per page
     * ({@code $top}, at most 999; null = Graph's default).
     */
    public GraphCloudSource(SyncConfiguration.Cloud cloud, Integer pageSize) throws CloudException {
        this.cloud = require(cloud);
        if (pageSize != null && (pageSize < 1 || pageSize > 999)) {
            throw new CloudException("Page size must be between 1 and 999, not " + pageSize);
        }
        this.pageSize = pageSize;
        URI base;
        try {
            base = URI.create(stripSlash(cloud.graphBaseUrl()));
        } catch (IllegalArgumentException e) {
            throw new CloudException("The Graph base URL '" + cloud.graphBaseUrl() + "' is not a valid URL", e);
        }
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new CloudException("The Graph base URL must be an https:// URL, not " + cloud.graphBaseUrl());
        }
        graphHost = base.getHost();
        String origin = base.getScheme() + "://" + base.getRawAuthority();
        v1Base = stripSlash(cloud.graphBaseUrl());
        // Same prefix as the configured v1.0 endpoint (a proxy may put Graph under a path).
        betaBase = v1Base.endsWith("/v1.0") ? v1Base.substring(0, v1Base.length() - "/v1.0".length()) + "/beta"
                : origin + "/beta";
        PemTrust trust = null;
        if (cloud.caCertificate() != null && !cloud.caCertificate().isBlank()) {
            try {
                trust = PemTrust.load(Path.of(cloud.caCertificate()));
            } catch (IOException | GeneralSecurityException e) {
                throw new CloudException("Cannot read the CA certificate " + cloud.caCertificate() + ": "
                        + e.getMessage() + ". Point caCertificate at a PEM file, or leave it empty to use the system "
                        + "trust store.", e);
            }
        }
        ConfidentialClientApplication app = buildMsal(cloud, trust);
        tokens = new MsalAccessTokenProvider(app, origin + "/.default", graphHost, this::translateSignIn);
        OkHttpClient.Builder builder = GraphClientFactory.create()
                .connectTimeout(Duration.ofSeconds(20))
                .readTimeout(Duration.ofSeconds(120))
                // Every attempt passes through here, retries of the SDK's RetryHandler included.
                .addNetworkInterceptor(chain -> {
                    requests.incrementAndGet();
                    Response response = chain.proceed(chain.request());
                    int code = response.code();
                    if (code == 429 || code == 503 || code == 504) {
                        throttled.incrementAndGet();
                        LOG.info("Graph answered {} (Retry-After {}) for {}", code, response.header("Retry-After"),
                                chain.request().url().encodedPath());
                    }
                    return response;
                });
        // Innermost application interceptor: sees each attempt's decoded body before Kiota parses it.
        builder.addInterceptor(GraphCloudSource::markExplicitNulls);
        if (trust != null) {
            builder.sslSocketFactory(trust.sslContext().getSocketFactory(), trust.trustManager());
        }
        http = builder.build();
        graph = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
        graph.getRequestAdapter().setBaseUrl(v1Base);
    }

    /** Lets tests exercise the large-tenant path (per-group writeback reads) with a small tenant. */
    GraphCloudSource withWritebackSweepLimit(int groups) {
        this.writebackSweepLimit = groups;
        return this;
    }

    private static SyncConfiguration.Cloud require(SyncConfiguration.Cloud cloud) throws CloudException {
        if (cloud == null || cloud.authority() == null || cloud.graphBaseUrl() == null || cloud.clientId() == null
                || cloud.credential() == null) {
            throw new CloudException("The cloud configuration needs authority, graphBaseUrl, clientId and a credential");
        }
        return cloud;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static ConfidentialClientApplication buildMsal(SyncConfiguration.Cloud cloud, PemTrust trust)
            throws CloudException {
        IClientCredential credential = credential(cloud.credential());
        URI authority;
        try {
            authority = URI.create(cloud.authority());
        } catch (IllegalArgumentException e) {
            throw new CloudException("The authority '" + cloud.authority() + "' is not a valid URL", e);
        }
        boolean microsoft = authority.getHost() != null
                && MICROSOFT_LOGIN_HOSTS.contains(authority.getHost().toLowerCase(Locale.ROOT));
        try {
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication
                    .builder(cloud.clientId(), credential)
                    .authority(cloud.authority().endsWith("/") ? cloud.authority() : cloud.authority() + "/");
            if (!microsoft) {
                // A non-Microsoft authority (sovereign/private STS or the demo tenant) cannot be checked against
                // Microsoft's instance discovery; for Entra's own hosts validation stays on.
                builder.instanceDiscovery(false).validateAuthority(false);
            }
            if (trust != null) {
                builder.sslSocketFactory(trust.sslContext().getSocketFactory());
            }
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new CloudException("The authority '" + cloud.authority() + "' is not usable: " + e.getMessage(), e);
        }
    }

    private static IClientCredential credential(SyncConfiguration.Credential credential) throws CloudException {
        if (credential.secretFile() != null && !credential.secretFile().isBlank()) {
            try {
                String secret = Files.readString(Path.of(credential.secretFile()), StandardCharsets.UTF_8).strip();
                if (secret.isEmpty()) {
                    throw new CloudException("The client secret file " + credential.secretFile() + " is empty");
                }
                return ClientCredentialFactory.createFromSecret(secret);
            } catch (IOException e) {
                throw new CloudException("Cannot read the client secret file " + credential.secretFile() + ": "
                        + e.getMessage(), e);
            }
        }
        if (credential.certificateFile() != null && !credential.certificateFile().isBlank()) {
            String password = "";
            try {
                if (credential.certificatePasswordFile() != null) {
                    password = Files.readString(Path.of(credential.certificatePasswordFile()), StandardCharsets.UTF_8)
                            .strip();
                }
                try (InputStream in = Files.newInputStream(Path.of(credential.certificateFile()))) {
                    return ClientCredentialFactory.createFromCertificate(in, password);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new CloudException("Cannot load the client certificate " + credential.certificateFile()
                        + " (PKCS#12 with its password file): " + e.getMessage(), e);
            }
        }
        throw new CloudException("The cloud credential needs a secretFile or a certificateFile");
    }

    // ------------------------------------------------------------------------------------------ CloudSource

    @Override
    public TenantInfo test() throws CloudException {
        tokens.acquire();
        OrganizationCollectionResponse orgs = call("read the organization", () -> graph.organization().get());
        if (orgs == null || orgs.getValue() == null || orgs.getValue().isEmpty()) {
            throw new CloudException("Graph returned no organization for " + v1Base + "/organization");
        }
        Organization org = orgs.getValue().get(0);
        String domain = null;
        if (org.getVerifiedDomains() != null) {
            for (VerifiedDomain d : org.getVerifiedDomains()) {
                if (Boolean.TRUE.equals(d.getIsDefault()) || domain == null) {
                    domain = d.getName();
                }
            }
        }
        return new TenantInfo(org.getId(), org.getDisplayName(), domain);
    }

    @Override
    public ImportReport importInto(CloudSnapshot snapshot, boolean full) throws CloudException {
        int requestsBefore = requests.get();
        int throttledBefore = throttled.get();
        String reason = null;
        boolean doFull = full || snapshot.groupsDeltaLink() == null || snapshot.usersDeltaLink() == null;
        if (full) {
            reason = "full import requested";
        } else if (doFull) {
            reason = "no delta link yet (first import)";
        }
        Round round;
        try {
            round = readRound(snapshot, doFull);
        } catch (DeltaStateLost e) {
            reason = "Graph no longer knows the delta state (" + e.getMessage() + "); imported everything again";
            LOG.warn("Delta state lost ({}); running a full import", e.getMessage());
            doFull = true;
            try {
                round = readRound(snapshot, true);
            } catch (DeltaStateLost again) {
                throw new CloudException("Graph lost the delta state during a full import (" + again.getMessage()
                        + "); try the import again later", again);
            }
        }
        ImportReport report = apply(snapshot, round, doFull, reason, requests.get() - requestsBefore,
                throttled.get() - throttledBefore);
        LOG.info("Imported from Graph: full={} groupsChanged={} softDeleted={} deleted={} usersChanged={} "
                + "throttled={} requests={}", report.fullImport(), report.groupsChanged(), report.groupsSoftDeleted(),
                report.groupsDeleted(), report.usersChanged(), report.throttledResponses(), report.requests());
        return report;
    }

    @Override
    public void setWriteback(String groupId, WritebackConfiguration configuration) throws CloudException {
        Map<String, UntypedNode> values = new LinkedHashMap<>();
        values.put("isEnabled", configuration.isEnabled() == null ? new UntypedNull()
                : new UntypedBoolean(configuration.isEnabled()));
        values.put("onPremisesGroupType", configuration.onPremisesGroupType() == null ? new UntypedNull()
                : new UntypedString(configuration.onPremisesGroupType()));
        Group body = new Group();
        Map<String, Object> additional = new HashMap<>();
        additional.put("writebackConfiguration", new UntypedObject(values));
        body.setAdditionalData(additional);
        call("change the writeback setting of group " + groupId, () -> graph.groups().byGroupId(groupId)
                .withUrl(betaBase + "/groups/" + groupId).patch(body));
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    // ------------------------------------------------------------------------------------------ reading

    /** What one round read from Graph, not yet applied to the snapshot. */
    private record Round(Map<String, GroupWork> groups, Map<String, CloudUser> users, Set<String> removedUsers,
            String groupsDeltaLink, String usersDeltaLink, boolean unifiedDefault) {
    }

    /** A group being assembled from delta items (which may repeat it across pages). */
    private static final class GroupWork {
        final String id;
        String displayName;
        String description;
        String mailNickname;
        String mail;
        List<String> groupTypes;
        boolean securityEnabled;
        boolean mailEnabled;
        Boolean onPremisesSyncEnabled;
        List<String> proxyAddresses;
        WritebackConfiguration writeback;
        LinkedHashSet<CloudMember> members = new LinkedHashSet<>();
        boolean softDeleted;
        boolean deleted;
        boolean seen;

        GroupWork(String id) {
            this.id = id;
        }

        static GroupWork of(CloudGroup g) {
            GroupWork w = new GroupWork(g.id());
            w.displayName = g.displayName();
            w.description = g.description();
            w.mailNickname = g.mailNickname();
            w.mail = g.mail();
            w.groupTypes = g.groupTypes();
            w.securityEnabled = g.securityEnabled();
            w.mailEnabled = g.mailEnabled();
            w.onPremisesSyncEnabled = g.onPremisesSyncEnabled();
            w.proxyAddresses = g.proxyAddresses();
            w.writeback = g.writeback();
            w.members = new LinkedHashSet<>(g.members());
            w.softDeleted = g.softDeleted();
            return w;
        }

        CloudGroup build() {
            return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                    mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, members, softDeleted);
        }
    }

    /** Graph answered 410 / syncStateNotFound / resyncRequired: the delta link is no longer usable. */
    private static final class DeltaStateLost extends Exception {
        private static final long serialVersionUID = 1L;

        DeltaStateLost(String message) {
            super(message);
        }
    }

    private Round readRound(CloudSnapshot snapshot, boolean full) throws CloudException, DeltaStateLost {
        Map<String, GroupWork> groups = new LinkedHashMap<>();
        String groupsLink = readGroups(snapshot, full, groups);
        Map<String, CloudUser> users = new LinkedHashMap<>();
        Set<String> removedUsers = new LinkedHashSet<>();
        String usersLink = readUsers(snapshot, full, users, removedUsers);
        if (full) {
            readSoftDeletedGroups(snapshot, groups);
        }
        readWriteback(snapshot, groups, full);
        boolean unifiedDefault = readUnifiedDefault();
        return new Round(groups, users, removedUsers, groupsLink, usersLink, unifiedDefault);
    }

    private String readGroups(CloudSnapshot snapshot, boolean full, Map<String, GroupWork> work)
            throws CloudException, DeltaStateLost {
        String link = full ? null : snapshot.groupsDeltaLink();
        while (true) {
            String url = link;
            com.microsoft.graph.groups.delta.DeltaGetResponse page = delta("read the group changes",
                    () -> url == null
                            ? graph.groups().delta().get(c -> {
                                c.queryParameters.select = GROUP_SELECT;
                                c.queryParameters.top = pageSize;
                            })
                            : graph.groups().delta().withUrl(url).get());
            if (page.getValue() != null) {
                for (Group item : page.getValue()) {
                    mergeGroup(snapshot, full, work, item);
                }
            }
            if (page.getOdataNextLink() != null) {
                link = page.getOdataNextLink();
            } else if (page.getOdataDeltaLink() != null) {
                return page.getOdataDeltaLink();
            } else {
                throw new CloudException("Graph ended the group delta without a delta link (" + v1Base + ")");
            }
        }
    }

    private void mergeGroup(CloudSnapshot snapshot, boolean full, Map<String, GroupWork> work, Group item) {
        String id = item.getId();
        if (id == null) {
            return;
        }
        Map<String, Object> extra = item.getAdditionalData() == null ? Map.of() : item.getAdditionalData();
        GroupWork w = work.get(id);
        if (w == null) {
            CloudGroup known = full ? null : snapshot.groups().get(id);
            w = known == null ? new GroupWork(id) : GroupWork.of(known);
            if (full) {
                // A full round rebuilds each group from nothing, but keeps what only /beta knows until it is re-read.
                CloudGroup previous = snapshot.groups().get(id);
                w.writeback = previous == null ? null : previous.writeback();
            }
            work.put(id, w);
        }
        Object removed = plain(extra.get("@removed"));
        if (removed instanceof Map<?, ?> r) {
            if ("deleted".equalsIgnoreCase(String.valueOf(r.get("reason")))) {
                w.deleted = true;
            } else {
                // "changed": deleted but restorable (a soft-deleted Microsoft 365 group).
                w.softDeleted = true;
            }
            return;
        }
        w.seen = true;
        w.deleted = false;
        w.softDeleted = false;
        if (has(item, extra, "displayName")) {
            w.displayName = item.getDisplayName();
        }
        if (has(item, extra, "description")) {
            w.description = item.getDescription();
        }
        if (has(item, extra, "mailNickname")) {
            w.mailNickname = item.getMailNickname();
        }
        if (has(item, extra, "mail")) {
            w.mail = item.getMail();
        }
        if (has(item, extra, "groupTypes")) {
            w.groupTypes = item.getGroupTypes();
        }
        if (has(item, extra, "securityEnabled")) {
            w.securityEnabled = Boolean.TRUE.equals(item.getSecurityEnabled());
        }
        if (has(item, extra, "mailEnabled")) {
            w.mailEnabled = Boolean.TRUE.equals(item.getMailEnabled());
        }
        if (has(item, extra, "onPremisesSyncEnabled")) {
            w.onPremisesSyncEnabled = item.getOnPremisesSyncEnabled();
        }
        if (has(item, extra, "proxyAddresses")) {
            w.proxyAddresses = item.getProxyAddresses();
        }
        Object members = plain(extra.get("members@delta"));
        if (members instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m) || m.get("id") == null) {
                    continue;
                }
                String memberId = String.valueOf(m.get("id"));
                CloudMember.Kind kind = CloudMember.Kind.fromODataType((String) m.get("@odata.type"));
                if (m.get("@removed") != null) {
                    for (CloudMember.Kind k : CloudMember.Kind.values()) {
                        w.members.remove(new CloudMember(memberId, k));
                    }
                } else {
                    w.members.add(new CloudMember(memberId, kind));
                }
            }
        }
    }

    private String readUsers(CloudSnapshot snapshot, boolean full, Map<String, CloudUser> users,
            Set<String> removedUsers) throws CloudException, DeltaStateLost {
        String link = full ? null : snapshot.usersDeltaLink();
        while (true) {
            String url = link;
            com.microsoft.graph.users.delta.DeltaGetResponse page = delta("read the user changes",
                    () -> url == null
                            ? graph.users().delta().get(c -> {
                                c.queryParameters.select = USER_SELECT;
                                c.queryParameters.top = pageSize;
                            })
                            : graph.users().delta().withUrl(url).get());
            if (page.getValue() != null) {
                for (User item : page.getValue()) {
                    String id = item.getId();
                    if (id == null) {
                        continue;
                    }
                    Map<String, Object> extra = item.getAdditionalData() == null ? Map.of() : item.getAdditionalData();
                    if (extra.get("@removed") != null) {
                        users.remove(id);
                        removedUsers.add(id);
                        continue;
                    }
                    removedUsers.remove(id);
                    CloudUser previous = users.containsKey(id) ? users.get(id)
                            : full ? null : snapshot.users().get(id);
                    String sid = has(item, extra, "onPremisesSecurityIdentifier") ? item.getOnPremisesSecurityIdentifier()
                            : previous == null ? null : previous.onPremisesSecurityIdentifier();
                    Boolean synced = has(item, extra, "onPremisesSyncEnabled") ? item.getOnPremisesSyncEnabled()
                            : previous == null ? null : previous.onPremisesSyncEnabled();
                    users.put(id, new CloudUser(id, sid, synced));
                }
            }
            if (page.getOdataNextLink() != null) {
                link = page.getOdataNextLink();
            } else if (page.getOdataDeltaLink() != null) {
                return page.getOdataDeltaLink();
            } else {
                throw new CloudException("Graph ended the user delta without a delta link (" + v1Base + ")");
            }
        }
    }

    /** A full delta does not list soft-deleted groups: read them from deleted items so they stay flagged. */
    private void readSoftDeletedGroups(CloudSnapshot snapshot, Map<String, GroupWork> work) throws CloudException {
        String url = null;
        do {
            String next = url;
            GroupCollectionResponse page = call("read the deleted groups", () -> next == null
                    ? graph.directory().deletedItems().graphGroup().get(c -> {
                        c.queryParameters.select = new String[] {"id", "displayName", "description", "mailNickname",
                            "mail", "groupTypes", "securityEnabled", "mailEnabled", "onPremisesSyncEnabled",
                            "proxyAddresses"};
                        c.queryParameters.top = pageSize == null ? 999 : pageSize;
                    })
                    : graph.directory().deletedItems().graphGroup().withUrl(next).get());
            if (page.getValue() != null) {
                for (Group g : page.getValue()) {
                    if (g.getId() == null || work.containsKey(g.getId())) {
                        continue;
                    }
                    CloudGroup previous = snapshot.groups().get(g.getId());
                    GroupWork w = previous == null ? new GroupWork(g.getId()) : GroupWork.of(previous);
                    if (previous == null) {
                        mergeGroup(snapshot, true, new HashMap<>(Map.of(g.getId(), w)), g);
                    }
                    w.softDeleted = true;
                    w.seen = true;
                    work.put(g.getId(), w);
                }
            }
            url = page.getOdataNextLink();
        } while (url != null);
    }

    /**
     * Reads beta {@code writebackConfiguration}. v1.0 delta is not guaranteed to report a change of this
     * beta-only property, so whenever it is affordable all groups are swept with one paged
     * {@code /beta/groups?$select=id,writebackConfiguration} list (ceil(groups/999) requests): on a full
     * import, when the tenant has at most {@link #WRITEBACK_SWEEP_LIMIT} groups, or when more than
     * {@link #PER_GROUP_WRITEBACK_LIMIT} groups changed. Only large tenants with a few changes read it one
     * changed group at a time (their unchanged groups are swept on the next full import).
     */
    private void readWriteback(CloudSnapshot snapshot, Map<String, GroupWork> work, boolean full)
            throws CloudException {
        List<GroupWork> wanted = new ArrayList<>();
        for (GroupWork w : work.values()) {
            if (!w.deleted && !w.softDeleted) {
                wanted.add(w);
            }
        }
        boolean sweep = full || snapshot.groups().size() <= writebackSweepLimit
                || wanted.size() > PER_GROUP_WRITEBACK_LIMIT;
        if (!sweep) {
            for (GroupWork w : wanted) {
                Group g = call("read the writeback setting of group " + w.id, () -> graph.groups().byGroupId(w.id)
                        .withUrl(betaBase + "/groups/" + w.id + "?$select=id,writebackConfiguration").get());
                w.writeback = writeback(g);
            }
            return;
        }
        Map<String, WritebackConfiguration> all = new HashMap<>();
        String url = betaBase + "/groups?$select=id,writebackConfiguration&$top=" + (pageSize == null ? 999 : pageSize);
        while (url != null) {
            String next = url;
            GroupCollectionResponse page = call("read the writeback settings", () -> graph.groups().withUrl(next).get());
            if (page.getValue() != null) {
                for (Group g : page.getValue()) {
                    all.put(g.getId(), writeback(g));
                }
            }
            url = page.getOdataNextLink();
        }
        for (GroupWork w : wanted) {
            WritebackConfiguration wb = all.get(w.id);
            if (wb != null) {
                w.writeback = wb;
            }
        }
        if (!full) {
            // Groups the delta did not mention but whose writeback setting changed.
            for (CloudGroup g : snapshot.groups().values()) {
                WritebackConfiguration wb = all.get(g.id());
                if (!work.containsKey(g.id()) && !g.softDeleted() && wb != null && !wb.equals(g.writeback())) {
                    GroupWork w = GroupWork.of(g);
                    w.writeback = wb;
                    w.seen = true;
                    work.put(g.id(), w);
                }
            }
        }
    }

    private static WritebackConfiguration writeback(Group g) {
        if (g == null || g.getAdditionalData() == null) {
            return WritebackConfiguration.UNSET;
        }
        Object value = plain(g.getAdditionalData().get("writebackConfiguration"));
        if (!(value instanceof Map<?, ?> m)) {
            return WritebackConfiguration.UNSET;
        }
        Object enabled = m.get("isEnabled");
        Object type = m.get("onPremisesGroupType");
        return new WritebackConfiguration(enabled instanceof Boolean b ? b : null,
                type instanceof String s && !s.isBlank() ? s : null);
    }

    private boolean readUnifiedDefault() throws CloudException {
        GroupSettingCollectionResponse settings = call("read the directory settings", () -> graph.groupSettings().get());
        if (settings != null && settings.getValue() != null) {
            for (GroupSetting s : settings.getValue()) {
                boolean unified = GROUP_UNIFIED_TEMPLATE.equalsIgnoreCase(String.valueOf(s.getTemplateId()))
                        || "Group.Unified".equalsIgnoreCase(s.getDisplayName());
                if (!unified || s.getValues() == null) {
                    continue;
                }
                for (SettingValue v : s.getValues()) {
                    if ("NewUnifiedGroupWritebackDefault".equalsIgnoreCase(v.getName()) && v.getValue() != null) {
                        return !"false".equalsIgnoreCase(v.getValue().strip());
                    }
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ applying

    private ImportReport apply(CloudSnapshot snapshot, Round round, boolean full, String reason, int requestCount,
            int throttledCount) {
        int changed = 0;
        int softDeleted = 0;
        int deleted = 0;
        for (GroupWork w : round.groups().values()) {
            CloudGroup previous = snapshot.groups().get(w.id);
            if (w.deleted || (!w.seen && previous == null)) {
                if (previous != null) {
                    snapshot.removeGroup(w.id);
                    deleted++;
                }
                continue;
            }
            CloudGroup group = w.build();
            if (!group.equals(previous)) {
                snapshot.putGroup(group);
                if (group.softDeleted() && (previous == null || !previous.softDeleted())) {
                    softDeleted++;
                } else {
                    changed++;
                }
            }
        }
        if (full) {
            for (String id : new ArrayList<>(snapshot.groups().keySet())) {
                GroupWork w = round.groups().get(id);
                if (w == null) {
                    snapshot.removeGroup(id);
                    deleted++;
                }
            }
        }
        int usersChanged = 0;
        for (CloudUser u : round.users().values()) {
            if (!u.equals(snapshot.users().get(u.id()))) {
                snapshot.putUser(u);
                usersChanged++;
            }
        }
        for (String id : round.removedUsers()) {
            if (snapshot.users().containsKey(id)) {
                snapshot.removeUser(id);
                usersChanged++;
            }
        }
        if (full) {
            for (String id : new ArrayList<>(snapshot.users().keySet())) {
                if (!round.users().containsKey(id)) {
                    snapshot.removeUser(id);
                    usersChanged++;
                }
            }
        }
        snapshot.setGroupsDeltaLink(round.groupsDeltaLink());
        snapshot.setUsersDeltaLink(round.usersDeltaLink());
        snapshot.setUnifiedWritebackDefault(round.unifiedDefault());
        return new ImportReport(full, reason, changed, softDeleted, deleted, usersChanged, throttledCount,
                requestCount);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** True when Graph sent the property (even as null); absent properties keep their previous value. */
    private static boolean has(BackedModel model, String key) {
        return model.getBackingStore().enumerate().containsKey(key);
    }

    /** True when a delta item carries {@code key}, with a value or as an explicit JSON null (a cleared property). */
    private static boolean has(BackedModel model, Map<String, Object> extra, String key) {
        return has(model, key) || plain(extra.get(NULL_PROPERTIES)) instanceof List<?> nulls && nulls.contains(key);
    }

    /**
     * Kiota's JSON parser drops properties whose value is {@code null}, so a delta item saying "description was
     * cleared" would look like "description unchanged" and the stale value would stay in AD forever. For delta
     * pages this lists the names of the null properties of each item under {@link #NULL_PROPERTIES}, which Kiota
     * keeps in the item's additional data.
     */
    static Response markExplicitNulls(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String path = chain.request().url().encodedPath();
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null || !(path.endsWith("/delta") || path.endsWith("/delta()"))) {
            return response;
        }
        MediaType type = body.contentType();
        if (type == null || !type.subtype().toLowerCase(Locale.ROOT).contains("json")) {
            return response;
        }
        byte[] bytes = body.bytes();
        byte[] result = bytes;
        try {
            JsonNode root = NULL_MAPPER.readTree(bytes);
            boolean changed = false;
            if (root != null && root.path("value").isArray()) {
                for (JsonNode item : root.path("value")) {
                    if (!(item instanceof ObjectNode o)) {
                        continue;
                    }
                    List<String> nulls = new ArrayList<>();
                    o.fields().forEachRemaining(f -> {
                        if (f.getValue().isNull()) {
                            nulls.add(f.getKey());
                        }
                    });
                    if (!nulls.isEmpty()) {
                        ArrayNode a = o.putArray(NULL_PROPERTIES);
                        nulls.forEach(a::add);
                        changed = true;
                    }
                }
            }
            if (changed) {
                result = NULL_MAPPER.writeValueAsBytes(root);
            }
        } catch (IOException e) {
            // Not JSON after all (or truncated): hand the page over unchanged; the SDK reports it.
        }
        return response.newBuilder().removeHeader("Content-Length").body(ResponseBody.create(result, type)).build();
    }

    /** Converts Kiota's untyped additional data into maps, lists, strings, booleans and numbers. */
    static Object plain(Object value) {
        if (value instanceof UntypedObject o) {
            Map<String, Object> map = new LinkedHashMap<>();
            o.getValue().forEach((k, v) -> map.put(k, plain(v)));
            return map;
        }
        if (value instanceof UntypedArray a) {
            List<Object> list = new ArrayList<>();
            for (UntypedNode n : a.getValue()) {
                list.add(plain(n));
            }
            return list;
        }
        if (value instanceof UntypedNull) {
            return null;
        }
        if (value instanceof UntypedNode n) {
            return n.getValue();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
            return map;
        }
        if (value instanceof Iterable<?> it) {
            List<Object> list = new ArrayList<>();
            it.forEach(v -> list.add(plain(v)));
            return list;
        }
        return value;
    }

    /** A Graph call; its failures become {@link CloudException}s naming what we tried to do. */
    @FunctionalInterface
    private interface GraphCall<T> {
        T run();
    }

    private <T> T call(String what, GraphCall<T> request) throws CloudException {
        try {
            return request.run();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    private <T> T delta(String what, GraphCall<T> request) throws CloudException, DeltaStateLost {
        try {
            T result = request.run();
            if (result == null) {
                throw new CloudException("Graph returned an empty answer when trying to " + what);
            }
            return result;
        } catch (ApiException e) {
            int status = e.getResponseStatusCode();
            String code = e instanceof ODataError o && o.getError() != null ? o.getError().getCode() : null;
            if (status == 410 || "syncStateNotFound".equalsIgnoreCase(code) || "resyncRequired".equalsIgnoreCase(code)) {
                throw new DeltaStateLost(code != null ? code : "HTTP " + status);
            }
            throw translate(what, e);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    private CloudException translate(String what, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MsalAccessTokenProvider.TokenFailure f) {
                return f.cloudException();
            }
        }
        if (e instanceof ODataError o) {
            int status = o.getResponseStatusCode();
            String code = o.getError() == null ? null : o.getError().getCode();
            String message = o.getError() == null ? o.getMessage() : o.getError().getMessage();
            if (status == 403) {
                return new CloudException("Graph refused to " + what + ": insufficient privileges (" + code + ": "
                        + message + "). Grant the app registration " + cloud.clientId()
                        + " the application permissions Group.ReadWrite.All and User.Read.All (admin consent).", e);
            }
            if (status == 401) {
                return new CloudException("Graph did not accept the access token when trying to " + what + " (" + code
                        + ": " + message + "). Check that the authority and graphBaseUrl belong to the same cloud.", e);
            }
            return new CloudException("Graph failed to " + what + ": HTTP " + status + " " + code + ": " + message, e);
        }
        CloudException network = network(e, graphHost);
        if (network != null) {
            return network;
        }
        if (e instanceof ApiException a) {
            return new CloudException("Graph failed to " + what + ": HTTP " + a.getResponseStatusCode() + " "
                    + a.getMessage(), e);
        }
        return new CloudException("Could not " + what + " from " + v1Base + ": " + rootMessage(e), e);
    }

    /** Maps a transport failure (DNS, refused connection, TLS trust) to plain words, or null. */
    private CloudException network(Throwable e, String host) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof CertPathValidatorException
                    || t instanceof CertificateException) {
                String trust = cloud.caCertificate() == null ? "the system trust store" : cloud.caCertificate();
                return new CloudException("TLS failed: the certificate of " + host + " is not trusted by " + trust
                        + ". Set caCertificate to the PEM file of the CA that issued it.", e);
            }
            if (t instanceof UnknownHostException) {
                return new CloudException("Cannot reach " + host + ": the host name is unknown (DNS).", e);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new CloudException("Cannot reach " + host + ": connection refused or no route. Check the URL, "
                        + "proxy and firewall.", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new CloudException("Cannot reach " + host + ": the connection timed out.", e);
            }
            if (t instanceof SSLException) {
                return new CloudException("TLS failed talking to " + host + ": " + t.getMessage(), e);
            }
        }
        return null;
    }

    private CloudException translateSignIn(Throwable failure) {
        String authorityHost = URI.create(cloud.authority()).getHost();
        if (failure instanceof MsalServiceException s) {
            String first = s.getMessage() == null ? "" : s.getMessage().split("\\r?\\n")[0];
            String hint = switch (s.errorCode() == null ? "" : s.errorCode()) {
                case "invalid_client" -> " Check the client secret or certificate of app " + cloud.clientId() + ".";
                case "unauthorized_client" -> " Check the client id " + cloud.clientId() + " and the tenant in the "
                        + "authority.";
                case "invalid_resource" -> " Check graphBaseUrl: the tenant does not know that resource.";
                default -> "";
            };
            return new CloudException("Sign-in to " + cloud.authority() + " was refused: " + first + hint, failure);
        }
        CloudException network = network(failure, authorityHost);
        if (network != null) {
            return network;
        }
        return new CloudException("Sign-in to " + cloud.authority() + " failed: " + rootMessage(failure), failure);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
