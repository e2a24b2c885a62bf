package org.groupwriteback.engine.graph;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.GroupCollectionResponse;
import com.microsoft.graph.models.GroupSetting;
import com.microsoft.graph.models.GroupSettingCollectionResponse;
import com.microsoft.graph.models.SettingValue;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.UntypedBoolean;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedNull;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writeback side of Graph: per-group beta {@code writebackConfiguration} (read and changed through
 * {@code /beta} with the v1.0 SDK's {@code withUrl}) and the tenant's {@code NewUnifiedGroupWritebackDefault}.
 */
final class WritebackReader {
    /** In large tenants, up to this many changed groups have their writeback read one group at a time. */
    static final int PER_GROUP_WRITEBACK_LIMIT = 20;
    /** Tenants with at most this many groups get all writeback settings re-read every import (<= 6 requests). */
    static final int WRITEBACK_SWEEP_LIMIT = 5_000;
    private static final String GROUP_UNIFIED_TEMPLATE = "62375ab9-6b52-47ed-826b-58e47e0e304b";

    private final GraphServiceClient graph;
    private final GraphErrors errors;
    private final GraphEndpoint endpoint;
    private final Integer pageSize;
    private int sweepLimit = WRITEBACK_SWEEP_LIMIT;

    WritebackReader(GraphServiceClient graph, GraphErrors errors, GraphEndpoint endpoint, Integer pageSize) {
        this.graph = graph;
        this.errors = errors;
        this.endpoint = endpoint;
        this.pageSize = pageSize;
    }

    void setSweepLimit(int groups) {
        this.sweepLimit = groups;
    }

    /**
     * Reads beta {@code writebackConfiguration} into {@code merge}. v1.0 delta is not guaranteed to report a change
     * of this beta-only property, so whenever it is affordable all groups are swept with one paged
     * {@code /beta/groups?$select=id,writebackConfiguration} list (ceil(groups/999) requests): on a full import,
     * when the tenant has at most {@link #WRITEBACK_SWEEP_LIMIT} groups, or when more than
     * {@link #PER_GROUP_WRITEBACK_LIMIT} groups changed. Only large tenants with a few changes read it one changed
     * group at a time (their unchanged groups are swept on the next full import).
     */
    void read(CloudSnapshot snapshot, SnapshotMerge merge, boolean full) throws CloudException {
        List<String> wanted = merge.liveGroupIds();
        if (!full && snapshot.groups().size() > sweepLimit && wanted.size() <= PER_GROUP_WRITEBACK_LIMIT) {
            for (String id : wanted) {
                CloudId group = CloudId.of(id, "group");
                Group g = errors.call("read the writeback setting of group " + group, () -> graph.groups()
                        .byGroupId(group.value())
                        .withUrl(endpoint.betaGroup(group) + "?$select=id,writebackConfiguration").get());
                merge.writeback(id, writeback(g));
            }
            return;
        }
        Map<String, WritebackConfiguration> all = new HashMap<>();
        String url = endpoint.betaBase() + "/groups?$select=id,writebackConfiguration&$top="
                + (pageSize == null ? 999 : pageSize);
        errors.call("read the writeback settings", () -> GraphPages.<Group, GroupCollectionResponse>each(graph,
                graph.groups().withUrl(url).get(), GroupCollectionResponse::createFromDiscriminatorValue,
                g -> all.put(g.getId(), writeback(g))));
        merge.writebackSweep(all);
    }

    /** PATCHes one group's beta {@code writebackConfiguration}. */
    void write(CloudId group, WritebackConfiguration configuration) throws CloudException {
        Map<String, UntypedNode> values = new LinkedHashMap<>();
        values.put("isEnabled", configuration.isEnabled() == null ? new UntypedNull()
                : new UntypedBoolean(configuration.isEnabled()));
        values.put("onPremisesGroupType", configuration.onPremisesGroupType() == null ? new UntypedNull()
                : new UntypedString(configuration.onPremisesGroupType()));
        Group body = new Group();
        Map<String, Object> additional = new HashMap<>();
        additional.put("writebackConfiguration", new UntypedObject(values));
        body.setAdditionalData(additional);
        errors.call("change the writeback setting of group " + group, () -> graph.groups()
                .byGroupId(group.value()).withUrl(endpoint.betaGroup(group)).patch(body));
    }

    /** The tenant setting {@code NewUnifiedGroupWritebackDefault} of the group.unified template (absent = true). */
    boolean unifiedDefault() throws CloudException {
        GroupSettingCollectionResponse settings = errors.call("read the directory settings",
                () -> graph.groupSettings().get());
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

    /**
     * Sets the tenant's {@code NewUnifiedGroupWritebackDefault}: PATCHes the Group.Unified directory setting, or
     * creates it from its template when the tenant has none. Graph requires Directory.ReadWrite.All for this.
     */
    void writeUnifiedDefault(boolean value) throws CloudException {
        GroupSettingCollectionResponse settings = errors.call("read the directory settings",
                () -> graph.groupSettings().get());
        GroupSetting existing = null;
        if (settings != null && settings.getValue() != null) {
            for (GroupSetting s : settings.getValue()) {
                if (GROUP_UNIFIED_TEMPLATE.equalsIgnoreCase(String.valueOf(s.getTemplateId()))
                        || "Group.Unified".equalsIgnoreCase(s.getDisplayName())) {
                    existing = s;
                }
            }
        }
        List<SettingValue> values = new ArrayList<>();
        if (existing != null && existing.getValues() != null) {
            for (SettingValue v : existing.getValues()) {
                if (!"NewUnifiedGroupWritebackDefault".equalsIgnoreCase(v.getName())) {
                    values.add(v);
                }
            }
        }
        SettingValue wanted = new SettingValue();
        wanted.setName("NewUnifiedGroupWritebackDefault");
        wanted.setValue(Boolean.toString(value));
        values.add(wanted);
        GroupSetting body = new GroupSetting();
        body.setValues(values);
        String what = "change the tenant setting NewUnifiedGroupWritebackDefault to " + value
                + " (needs " + RequiredPermissions.TENANT_DEFAULT_WRITE.name() + ")";
        if (existing == null) {
            body.setTemplateId(GROUP_UNIFIED_TEMPLATE);
            errors.call(what, () -> graph.groupSettings().post(body));
        } else {
            String id = existing.getId();
            errors.call(what, () -> {
                graph.groupSettings().byGroupSettingId(id).patch(body);
                return null;
            });
        }
    }

    private static WritebackConfiguration writeback(Group g) {
        if (g == null || g.getAdditionalData() == null) {
            return WritebackConfiguration.UNSET;
        }
        Object value = ExplicitNulls.plain(g.getAdditionalData().get("writebackConfiguration"));
        if (!(value instanceof Map<?, ?> m)) {
            return WritebackConfiguration.UNSET;
        }
        Object enabled = m.get("isEnabled");
        Object type = m.get("onPremisesGroupType");
        return new WritebackConfiguration(enabled instanceof Boolean b ? b : null,
                type instanceof String s && !s.isBlank() ? s : null);
    }
}
