package org.groupwriteback.engine.graph;

import com.microsoft.graph.groups.delta.DeltaGetResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.groupwriteback.engine.graph.SnapshotMerge.GroupChange;
import org.groupwriteback.engine.graph.SnapshotMerge.GroupProperty;
import org.groupwriteback.engine.graph.SnapshotMerge.MemberChange;
import org.groupwriteback.engine.graph.SnapshotMerge.Removal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads groups with {@code /groups/delta} (properties plus {@code members@delta}) and, for a full import, the
 * soft-deleted groups from deleted items; turns each item into a {@link GroupChange} for {@link SnapshotMerge}.
 */
final class GroupsDeltaReader {
    static final String[] GROUP_SELECT = {"id", "displayName", "description", "mailNickname", "mail", "groupTypes",
        "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "proxyAddresses", "onPremisesSecurityIdentifier",
        "members"};
    private static final String[] DELETED_SELECT = {"id", "displayName", "description", "mailNickname", "mail",
        "groupTypes", "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "proxyAddresses",
        "onPremisesSecurityIdentifier"};

    private static final Logger LOG = LoggerFactory.getLogger(GroupsDeltaReader.class);

    private final GraphServiceClient graph;
    private final GraphErrors errors;
    private final Integer pageSize;

    GroupsDeltaReader(GraphServiceClient graph, GraphErrors errors, Integer pageSize) {
        this.graph = graph;
        this.errors = errors;
        this.pageSize = pageSize;
    }

    /** Reads from {@code deltaLink} (null = from the start) to the end; returns the new delta link. */
    String read(String deltaLink, Consumer<GroupChange> sink) throws CloudException, DeltaStateLost {
        return GraphPages.<Group, DeltaGetResponse>delta(graph, errors, "read the group changes", deltaLink,
                () -> graph.groups().delta().get(c -> {
                    c.queryParameters.select = GROUP_SELECT;
                    c.queryParameters.top = pageSize;
                }),
                link -> graph.groups().delta().withUrl(link).get(),
                DeltaGetResponse::createFromDiscriminatorValue, item -> accept(item, sink));
    }

    /** Reads the soft-deleted (restorable) groups, which a full delta does not list. */
    void readSoftDeleted(Consumer<GroupChange> sink) throws CloudException {
        errors.call("read the deleted groups", () -> {
            GroupCollectionResponse first = graph.directory().deletedItems().graphGroup().get(c -> {
                c.queryParameters.select = DELETED_SELECT;
                c.queryParameters.top = pageSize == null ? 999 : pageSize;
            });
            return GraphPages.<Group, GroupCollectionResponse>each(graph, first,
                    GroupCollectionResponse::createFromDiscriminatorValue, item -> accept(item, sink));
        });
    }

    /**
     * Passes the item on when its id is an object id; an item with any other id (Graph never sends one, a broken
     * proxy or emulator might) is skipped with a warning, so it can never reach a DN, a marker or a request URL.
     */
    static void accept(Group item, Consumer<GroupChange> sink) {
        if (CloudId.isObjectId(item.getId())) {
            sink.accept(change(item));
        } else if (item.getId() != null) {
            LOG.warn("skipped a group delta item whose id is not an Entra ID object id (GUID), {} characters long",
                    item.getId().length());
        }
    }

    /** The partial group a delta item describes: only the properties it carries, nulls included. */
    static GroupChange change(Group item) {
        Map<String, Object> extra = item.getAdditionalData() == null ? Map.of() : item.getAdditionalData();
        if (ExplicitNulls.plain(extra.get("@removed")) instanceof Map<?, ?> r) {
            // "changed": deleted but restorable (a soft-deleted Microsoft 365 group); "deleted": gone for good.
            Removal removal = "deleted".equalsIgnoreCase(String.valueOf(r.get("reason"))) ? Removal.PERMANENT
                    : Removal.SOFT;
            return new GroupChange(item.getId(), removal, null, null);
        }
        Map<GroupProperty, Object> properties = new EnumMap<>(GroupProperty.class);
        for (GroupProperty p : GroupProperty.values()) {
            if (ExplicitNulls.has(item, extra, p.graphName())) {
                properties.put(p, value(item, p));
            }
        }
        List<MemberChange> members = new ArrayList<>();
        if (ExplicitNulls.plain(extra.get("members@delta")) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("id") != null) {
                    CloudMember.Kind kind = CloudMember.Kind.fromODataType((String) m.get("@odata.type"));
                    members.add(new MemberChange(new CloudMember(String.valueOf(m.get("id")), kind),
                            m.get("@removed") != null));
                }
            }
        }
        return new GroupChange(item.getId(), Removal.NONE, properties, members);
    }

    private static Object value(Group item, GroupProperty property) {
        return switch (property) {
            case DISPLAY_NAME -> item.getDisplayName();
            case DESCRIPTION -> item.getDescription();
            case MAIL_NICKNAME -> item.getMailNickname();
            case MAIL -> item.getMail();
            case GROUP_TYPES -> item.getGroupTypes();
            case SECURITY_ENABLED -> item.getSecurityEnabled();
            case MAIL_ENABLED -> item.getMailEnabled();
            case ON_PREMISES_SYNC_ENABLED -> item.getOnPremisesSyncEnabled();
            case PROXY_ADDRESSES -> item.getProxyAddresses();
            case ON_PREMISES_SECURITY_IDENTIFIER -> item.getOnPremisesSecurityIdentifier();
        };
    }
}
