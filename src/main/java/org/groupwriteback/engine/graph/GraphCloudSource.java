package org.groupwriteback.engine.graph;

import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.graph.models.Organization;
import com.microsoft.graph.models.OrganizationCollectionResponse;
import com.microsoft.graph.models.VerifiedDomain;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Microsoft Graph import: signs in with MSAL4J (client credentials), reads groups, members and synced
 * users with delta queries ({@link GroupsDeltaReader}, {@link UsersDeltaReader}), per-group writeback from
 * {@code /beta} ({@link WritebackReader}), and merges everything into a {@link CloudSnapshot} with
 * {@link SnapshotMerge}. Endpoints, authority and TLS trust come from {@link SyncConfiguration.Cloud}.
 */
public final class GraphCloudSource implements CloudSource {
    private static final Logger LOG = LoggerFactory.getLogger(GraphCloudSource.class);

    private final GraphEndpoint endpoint;
    private final MsalAccessTokenProvider tokens;
    private final OkHttpClient http;
    private final GraphServiceClient graph;
    private final GraphErrors errors;
    private final GroupsDeltaReader groups;
    private final UsersDeltaReader users;
    private final DevicesDeltaReader devices;
    private final SyncBehaviorReader syncBehavior;
    private final WritebackReader writeback;
    private final AtomicInteger throttled = new AtomicInteger();
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
        require(cloud);
        if (pageSize != null && (pageSize < 1 || pageSize > 999)) {
            throw new CloudException("Page size must be between 1 and 999, not " + pageSize);
        }
        endpoint = GraphEndpoint.parse(cloud.graphBaseUrl());
        String ca = cloud.caCertificate() == null || cloud.caCertificate().isBlank() ? null : cloud.caCertificate();
        errors = new GraphErrors(cloud.clientId(), cloud.authority(), ca, endpoint);
        PemTrust trust = GraphClients.trust(ca == null ? null : Path.of(ca));
        ConfidentialClientApplication app = GraphClients.confidential(cloud, trust);
        tokens = new MsalAccessTokenProvider(app, endpoint.scope(), endpoint.host(), errors::signIn);
        http = GraphClients.http(trust, Duration.ofSeconds(120))
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
                })
                // Innermost application interceptor: sees each attempt's decoded body before Kiota parses it.
                .addInterceptor(new ExplicitNulls())
                .build();
        graph = GraphClients.graph(tokens, http, endpoint);
        groups = new GroupsDeltaReader(graph, errors, pageSize);
        users = new UsersDeltaReader(graph, errors, pageSize);
        devices = new DevicesDeltaReader(graph, errors, pageSize);
        syncBehavior = new SyncBehaviorReader(graph, errors, endpoint);
        writeback = new WritebackReader(graph, errors, endpoint, pageSize);
    }

    /** Lets tests exercise the large-tenant path (per-group writeback reads) with a small tenant. */
    GraphCloudSource withWritebackSweepLimit(int groupCount) {
        writeback.setSweepLimit(groupCount);
        return this;
    }

    private static void require(SyncConfiguration.Cloud cloud) throws CloudException {
        if (cloud == null || cloud.authority() == null || cloud.graphBaseUrl() == null || cloud.clientId() == null
                || cloud.credential() == null) {
            throw new CloudException("The cloud configuration needs authority, graphBaseUrl, clientId and a "
                    + "credential");
        }
    }

    @Override
    public TenantInfo test() throws CloudException {
        tokens.acquire();
        OrganizationCollectionResponse orgs = errors.call("read the organization", () -> graph.organization().get());
        return tenant(orgs, endpoint.v1Base() + "/organization");
    }

    /**
     * The credential test: signs in with the service credential, reads {@code /organization} and makes one
     * small read per application permission the engine needs; a forbidden read names the missing permission.
     */
    public TenantInfo verifyCredential() throws CloudException {
        tokens.acquire();
        TenantInfo tenant = tenant(errors.probe(RequiredPermissions.ORGANIZATION_READ,
                () -> graph.organization().get()), endpoint.v1Base() + "/organization");
        errors.probe(RequiredPermissions.GROUP_READ, () -> graph.groups().get(r -> {
            r.queryParameters.top = 1;
            r.queryParameters.select = new String[] {"id"};
        }));
        errors.probe(RequiredPermissions.USER_READ, () -> graph.users().get(r -> {
            r.queryParameters.top = 1;
            r.queryParameters.select = new String[] {"id"};
        }));
        errors.probe(RequiredPermissions.DEVICE_READ, () -> graph.devices().get(r -> {
            r.queryParameters.top = 1;
            r.queryParameters.select = new String[] {"id"};
        }));
        return tenant;
    }

    /** The tenant named by a {@code GET /organization} answer; shared with {@link AdminSignIn}. */
    static TenantInfo tenant(OrganizationCollectionResponse orgs, String where) throws CloudException {
        if (orgs == null || orgs.getValue() == null || orgs.getValue().isEmpty()) {
            throw new CloudException("Graph returned no organization for " + where);
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
        String reason = FullImportReason.before(full, snapshot);
        Round round;
        try {
            round = readRound(snapshot, reason != null);
        } catch (DeltaStateLost e) {
            reason = FullImportReason.deltaStateLost(e.getMessage());
            LOG.warn("Delta state lost ({}); running a full import", e.getMessage());
            try {
                round = readRound(snapshot, true);
            } catch (DeltaStateLost again) {
                throw new CloudException("Graph lost the delta state during a full import (" + again.getMessage()
                        + "); try the import again later", again);
            }
        }
        round.merge().devicesDeltaLink(round.devicesLink());
        SnapshotMerge.Counts counts = round.merge().applyTo(round.groupsLink(), round.usersLink(),
                round.unifiedDefault());
        ImportReport report = new ImportReport(reason != null, reason, counts.groupsChanged(),
                counts.groupsSoftDeleted(), counts.groupsDeleted(), counts.usersChanged(),
                throttled.get() - throttledBefore, requests.get() - requestsBefore);
        LOG.info("Imported from Graph: full={} groupsChanged={} softDeleted={} deleted={} usersChanged={} "
                + "throttled={} requests={}", report.fullImport(), report.groupsChanged(), report.groupsSoftDeleted(),
                report.groupsDeleted(), report.usersChanged(), report.throttledResponses(), report.requests());
        return report;
    }

    /** What one round read from Graph, not yet applied to the snapshot. */
    private record Round(SnapshotMerge merge, String groupsLink, String usersLink, String devicesLink,
            boolean unifiedDefault) {
    }

    private Round readRound(CloudSnapshot snapshot, boolean full) throws CloudException, DeltaStateLost {
        SnapshotMerge merge = new SnapshotMerge(snapshot, full);
        // Users and devices are read while this thread reads groups: the three delta sessions are independent.
        ParallelRead usersRead = ParallelRead.start("graph-users-delta",
                () -> users.read(full ? null : snapshot.usersDeltaLink(), merge::user));
        ParallelRead devicesRead = ParallelRead.start("graph-devices-delta",
                () -> devices.read(full ? null : snapshot.devicesDeltaLink(), merge));
        String groupsLink;
        try {
            groupsLink = groups.read(full ? null : snapshot.groupsDeltaLink(), merge::group);
        } catch (CloudException | DeltaStateLost | RuntimeException | Error e) {
            usersRead.abandon();
            devicesRead.abandon();
            throw e;
        }
        String usersLink;
        try {
            usersLink = usersRead.join();
        } catch (CloudException | DeltaStateLost | RuntimeException | Error e) {
            devicesRead.abandon();
            throw e;
        }
        String devicesLink = devicesRead.join();
        syncBehavior.read(merge);
        if (full) {
            groups.readSoftDeleted(merge::softDeletedGroup);
        }
        writeback.read(snapshot, merge, full);
        return new Round(merge, groupsLink, usersLink, devicesLink, writeback.unifiedDefault());
    }

    @Override
    public void setWriteback(String groupId, WritebackConfiguration configuration) throws CloudException {
        writeback.write(CloudId.of(groupId, "group"), configuration);
    }

    @Override
    public void setUnifiedWritebackDefault(boolean value) throws CloudException {
        writeback.writeUnifiedDefault(value);
    }

    @Override
    public boolean unifiedWritebackDefault() throws CloudException {
        return writeback.unifiedDefault();
    }

    @Override
    public void close() {
        GraphClients.close(http);
    }
}
