package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;
import org.groupwriteback.demo.tenant.TenantState.UserEntry;

/**
 * Delta sessions for {@code groups/delta} and {@code users/delta}: a round renders its items once, pages them
 * through {@code $skiptoken} nextLinks and ends with a {@code $deltatoken} deltaLink (epoch, sequence,
 * collection, page size and {@code $select} inside). Links from before {@link #expireAll()} answer 410.
 */
final class DeltaHandler {
    /** Members per delta item: large groups come as several items, as Graph sends them. */
    static final int MEMBER_CHUNK = 500;
    /** Member entries per delta page at most. */
    static final int MEMBERS_PER_PAGE = 5000;
    /** Open rounds kept; each holds its rendered items, so abandoned rounds must not pile up. */
    private static final int MAX_SESSIONS = 16;

    private record Session(String collection, List<ObjectNode> items, long endSeq, int epoch, int top,
            String select) {
    }

    private final TenantState state;
    private final GraphObjects objects;
    private final QueryOptions options;
    private final Replies replies;
    private final Map<String, Session> sessions = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    DeltaHandler(TenantState state, GraphObjects objects, QueryOptions options, Replies replies) {
        this.state = state;
        this.objects = objects;
        this.options = options;
        this.replies = replies;
    }

    Reply groups(Request r) throws HttpError {
        return delta(r, "groups");
    }

    Reply users(Request r) throws HttpError {
        return delta(r, "users");
    }

    /** Invalidates every delta and skip token handed out so far: using one answers 410 syncStateNotFound. */
    void expireAll() {
        synchronized (state) {
            state.epoch++;
        }
        sessions.clear();
    }

    private Reply delta(Request r, String collection) throws HttpError {
        Map<String, String> q = r.query();
        String skipToken = q.get("$skiptoken");
        Session session;
        String sessionId;
        int offset = 0;
        if (skipToken != null) {
            int dot = skipToken.lastIndexOf('.');
            sessionId = dot < 0 ? skipToken : skipToken.substring(0, dot);
            session = sessions.get(sessionId);
            synchronized (state) {
                if (session == null || session.epoch() != state.epoch || !session.collection().equals(collection)) {
                    return syncStateNotFound();
                }
            }
            try {
                offset = Integer.parseInt(skipToken.substring(dot + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return syncStateNotFound();
            }
        } else {
            session = q.containsKey("$deltatoken") ? fromDeltaToken(r, collection, q.get("$deltatoken"))
                    : fullRound(r, collection);
            if (session == null) {
                return syncStateNotFound();
            }
            sessionId = UUID.randomUUID().toString();
            sessions.put(sessionId, session);
        }
        return page(r, collection, session, sessionId, offset);
    }

    /** A new full round (no token): checks {@code $top} and {@code $select} as a first request. */
    private Session fullRound(Request r, String collection) throws HttpError {
        Set<String> select = QueryOptions.select(r.query());
        int top = options.top(r.query(), defaultTop(collection));
        boolean groups = collection.equals("groups");
        options.checkSelect(select, groups ? GraphObjects.GROUP_FIELDS : GraphObjects.USER_FIELDS, r.beta(),
                groups ? "group" : "user");
        return open(r, collection, -1, select, top);
    }

    /** The round of changes since a deltaLink, or null when the token is not (or no longer) valid. */
    private Session fromDeltaToken(Request r, String collection, String deltaToken) {
        JsonNode token;
        try {
            token = replies.mapper().readTree(Base64.getUrlDecoder().decode(deltaToken));
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
        synchronized (state) {
            if (token == null || token.path("e").asInt(-1) != state.epoch
                    || !token.path("k").asText().equals(collection) || token.path("s").asLong() > state.seq) {
                return null;
            }
        }
        Set<String> select = token.hasNonNull("sel")
                ? new LinkedHashSet<>(Arrays.asList(token.path("sel").asText().split(","))) : null;
        return open(r, collection, token.path("s").asLong(), select, token.path("t").asInt(defaultTop(collection)));
    }

    private Session open(Request r, String collection, long since, Set<String> select, int top) {
        synchronized (state) {
            List<ObjectNode> items = collection.equals("groups") ? groupItems(since, select, r.beta())
                    : userItems(since, select);
            // The select list travels inside the session and the delta token, as Graph bakes it into its tokens.
            return new Session(collection, items, state.seq, state.epoch, top,
                    select == null ? "" : String.join(",", select));
        }
    }

    private static int defaultTop(String collection) {
        return collection.equals("users") ? 200 : 100;
    }

    private Reply page(Request r, String collection, Session session, String sessionId, int offset) {
        int end = offset;
        int memberEntries = 0;
        List<ObjectNode> items = session.items();
        while (end < items.size() && end - offset < session.top()
                && (end == offset || memberEntries < MEMBERS_PER_PAGE)) {
            JsonNode members = items.get(end).get("members@delta");
            memberEntries += members == null ? 0 : members.size();
            end++;
        }
        String base = r.areaUrl();
        String context = base + "/$metadata#" + collection;
        if (end < items.size()) {
            return replies.ok(replies.page(context, items.subList(offset, end),
                    base + "/" + collection + "/delta?$skiptoken=" + sessionId + "." + end, null));
        }
        ObjectNode token = replies.object().put("e", session.epoch()).put("s", session.endSeq())
                .put("k", collection).put("t", session.top());
        if (!session.select().isEmpty()) {
            token.put("sel", session.select());
        }
        String deltaLink;
        try {
            deltaLink = base + "/" + collection + "/delta?$deltatoken="
                    + TokenIssuer.base64Url(replies.mapper().writeValueAsBytes(token));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a delta token", e);
        }
        sessions.remove(sessionId);
        return replies.ok(replies.page(context, items.subList(offset, end), null, deltaLink));
    }

    private Reply syncStateNotFound() {
        return replies.graphError(410, "syncStateNotFound", "The delta token is no longer valid (the sync state was "
                + "not found or has expired). Start a new full synchronization without a delta token.");
    }

    /** Delta items for groups changed after {@code since} (-1 = everything, a full round). */
    private List<ObjectNode> groupItems(long since, Set<String> select, boolean beta) {
        List<ObjectNode> items = new ArrayList<>();
        boolean withMembers = select == null || select.contains("members");
        Set<String> props = select == null ? null : new HashSet<>(select);
        for (GroupEntry g : state.groups.values()) {
            if (since < 0) {
                if (g.visible()) {
                    addGroupItems(items, g, objects.group(g, props, beta),
                            withMembers ? memberAdds(g.members) : List.of());
                }
                continue;
            }
            if (g.hardDeletedSeq > since) {
                if (g.createdSeq <= since) {
                    items.add(objects.removed(g.id, "deleted"));
                }
                continue;
            }
            if (g.hardDeletedSeq != 0) {
                continue;
            }
            if (g.softDeleted) {
                if (g.softDeletedSeq > since && g.createdSeq <= since) {
                    items.add(objects.removed(g.id, "changed"));
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
                members = memberChanges(g, since);
            } else {
                members = List.of();
            }
            if (propsChanged || whole) {
                addGroupItems(items, g, objects.group(g, props, beta), members);
            } else if (!members.isEmpty()) {
                // Only the membership changed: Graph sends the id and members@delta, no other property.
                addGroupItems(items, g, objects.reference(GraphObjects.GROUP_TYPE, g.id), members);
            }
        }
        return items;
    }

    private List<ObjectNode> memberChanges(GroupEntry g, long since) {
        List<ObjectNode> members = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : g.memberChangesSince(since).entrySet()) {
            ObjectNode m = objects.reference(state.odataType(e.getKey()), e.getKey());
            if (!e.getValue()) {
                m.putObject("@removed").put("reason", "deleted");
            }
            members.add(m);
        }
        return members;
    }

    private void addGroupItems(List<ObjectNode> items, GroupEntry g, ObjectNode first, List<ObjectNode> members) {
        if (members.isEmpty()) {
            items.add(first);
            return;
        }
        for (int i = 0; i < members.size(); i += MEMBER_CHUNK) {
            ObjectNode item = i == 0 ? first : objects.reference(GraphObjects.GROUP_TYPE, g.id);
            item.putArray("members@delta").addAll(members.subList(i, Math.min(members.size(), i + MEMBER_CHUNK)));
            items.add(item);
        }
    }

    private List<ObjectNode> memberAdds(Set<String> ids) {
        List<ObjectNode> list = new ArrayList<>(ids.size());
        for (String id : ids) {
            list.add(objects.reference(state.odataType(id), id));
        }
        return list;
    }

    private List<ObjectNode> userItems(long since, Set<String> select) {
        List<ObjectNode> items = new ArrayList<>();
        for (UserEntry u : state.users.values()) {
            if (since < 0) {
                if (u.alive()) {
                    items.add(objects.user(u, select));
                }
            } else if (u.deletedSeq > since) {
                if (u.changedSeq <= since) {
                    items.add(objects.removed(u.id, "changed"));
                }
            } else if (u.alive() && u.changedSeq > since) {
                items.add(objects.user(u, select));
            }
        }
        return items;
    }
}
