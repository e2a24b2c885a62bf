package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;
import org.groupwriteback.demo.tenant.TenantState.UserEntry;

/**
 * Graph resources on {@code /v1.0} and {@code /beta}: organization, groups, users, one group or user, a
 * group's members, {@code /me} and soft-deleted groups, paged with {@code $top} and absolute nextLinks.
 */
final class GraphResourcesHandler {
    static final int DEFAULT_TOP = 100;

    private final TenantState state;
    private final GraphObjects objects;
    private final QueryOptions options;
    private final Replies replies;

    GraphResourcesHandler(TenantState state, GraphObjects objects, QueryOptions options, Replies replies) {
        this.state = state;
        this.objects = objects;
        this.options = options;
        this.replies = replies;
    }

    Reply organization(Request r) {
        ObjectNode org = replies.object();
        org.put("id", state.tenantId).put("displayName", state.displayName).put("tenantType", "AAD");
        ArrayNode domains = org.putArray("verifiedDomains");
        domains.addObject().put("name", state.defaultDomain).put("isDefault", true).put("isInitial", true)
                .put("type", "Managed").put("capabilities", "Email, OfficeCommunicationsOnline");
        return replies.ok(replies.page(r.areaUrl() + "/$metadata#organization", List.of(org), null, null));
    }

    /** The signed-in administrator; only with a delegated token. */
    Reply me(Request r) {
        if (!r.claims().has("oid")) {
            return replies.graphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }
        ObjectNode me = replies.object();
        me.put("id", r.claims().path("oid").asText()).put("displayName", "Demo Administrator")
                .put("userPrincipalName", r.claims().path("upn").asText());
        return replies.ok(me);
    }

    Reply groups(Request r) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        options.checkSelect(select, GraphObjects.GROUP_FIELDS, r.beta(), "group");
        synchronized (state) {
            return paged(r, "groups", "groups", state.visibleGroups(), g -> objects.group(g, select, r.beta()));
        }
    }

    Reply users(Request r) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        options.checkSelect(select, GraphObjects.USER_FIELDS, false, "user");
        synchronized (state) {
            return paged(r, "users", "users", state.aliveUsers(), u -> objects.user(u, select));
        }
    }

    /** {@code directory/deletedItems/microsoft.graph.group}: soft-deleted Microsoft 365 groups. */
    Reply deletedGroups(Request r) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        options.checkSelect(select, GraphObjects.GROUP_FIELDS, r.beta(), "group");
        synchronized (state) {
            List<GroupEntry> deleted = new ArrayList<>();
            for (GroupEntry g : state.groups.values()) {
                if (g.softDeleted && g.hardDeletedSeq == 0) {
                    deleted.add(g);
                }
            }
            return paged(r, "directory/deletedItems/microsoft.graph.group", "groups", deleted,
                    g -> objects.group(g, select, r.beta()));
        }
    }

    Reply group(Request r) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        synchronized (state) {
            GroupEntry g = visibleGroup(r.segment(1));
            options.checkSelect(select, GraphObjects.GROUP_FIELDS, r.beta(), "group");
            return replies.ok(objects.group(g, select, r.beta()));
        }
    }

    /** {@code groups/{id}/members}: users and groups with their {@code @odata.type}, paged. */
    Reply members(Request r) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        synchronized (state) {
            GroupEntry g = visibleGroup(r.segment(1));
            return paged(r, "groups/" + g.id + "/members", "directoryObjects", new ArrayList<>(g.members), id -> {
                GroupEntry mg = state.groups.get(id);
                return mg != null ? objects.group(mg, select, r.beta()) : objects.user(state.users.get(id), select);
            });
        }
    }

    Reply user(Request r) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        synchronized (state) {
            UserEntry u = state.aliveUser(r.segment(1));
            if (u == null) {
                throw new HttpError(replies.notFound(r.segment(1)));
            }
            options.checkSelect(select, GraphObjects.USER_FIELDS, false, "user");
            return replies.ok(objects.user(u, select));
        }
    }

    private GroupEntry visibleGroup(String id) throws HttpError {
        GroupEntry g = state.visibleGroup(id);
        if (g == null) {
            throw new HttpError(replies.notFound(id));
        }
        return g;
    }

    /** One page of {@code all} at {@code $skiptoken}, with a nextLink to {@code path} while more remain. */
    private <T> Reply paged(Request r, String path, String context, List<T> all, Function<T, ObjectNode> render)
            throws HttpError {
        Map<String, String> q = r.query();
        int offset = options.skip(q);
        int top = options.top(q, DEFAULT_TOP);
        List<ObjectNode> items = new ArrayList<>();
        for (T entry : TenantState.page(all, offset, top)) {
            items.add(render.apply(entry));
        }
        String next = QueryOptions.nextLink(r.areaUrl() + "/" + path, q, offset, top, all.size());
        return replies.ok(replies.page(r.areaUrl() + "/$metadata#" + context, items, next, null));
    }
}
