package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;

/**
 * Devices and source of authority: {@code /devices}, {@code /devices/delta} (every round lists all devices, each
 * with its on-premises SID; devices do not change while the emulator runs), and beta
 * {@code /groups/{id}/onPremisesSyncBehavior} (GET, and PATCH of {@code isCloudManaged}, which converts a synced
 * group's source of authority to the cloud or rolls it back).
 */
final class DevicesHandler {
    private final TenantState state;
    private final GraphObjects objects;
    private final Replies replies;
    private final TenantControl control;

    DevicesHandler(TenantState state, GraphObjects objects, Replies replies, TenantControl control) {
        this.state = state;
        this.objects = objects;
        this.replies = replies;
        this.control = control;
    }

    Reply devices(Request r) {
        return replies.ok(replies.page(r.areaUrl() + "/$metadata#devices", all(r), null, null));
    }

    /** One page with every device and a deltaLink back to the same list. */
    Reply delta(Request r) {
        return replies.ok(replies.page(r.areaUrl() + "/$metadata#devices", all(r), null,
                r.areaUrl() + "/devices/delta?$deltatoken=all"));
    }

    private List<ObjectNode> all(Request r) {
        Set<String> select = QueryOptions.select(r.query());
        synchronized (state) {
            List<ObjectNode> items = new ArrayList<>();
            state.devices.values().forEach(d -> items.add(objects.device(d, select)));
            return items;
        }
    }

    Reply syncBehavior(Request r) {
        if (!r.beta()) {
            return replies.graphError(400, "BadRequest", "onPremisesSyncBehavior is only available on /beta.");
        }
        synchronized (state) {
            GroupEntry g = state.visibleGroup(r.segment(1));
            if (g == null) {
                return replies.notFound(r.segment(1));
            }
            ObjectNode n = replies.object();
            n.put("@odata.type", "#microsoft.graph.onPremisesSyncBehavior").put("id", g.id)
                    .put("isCloudManaged", g.cloudManaged);
            return replies.ok(n);
        }
    }

    Reply patchSyncBehavior(Request r) throws IOException {
        if (!r.beta()) {
            return replies.graphError(400, "BadRequest", "onPremisesSyncBehavior is only available on /beta.");
        }
        JsonNode body;
        try {
            body = replies.mapper().readTree(r.body());
        } catch (IOException e) {
            return replies.graphError(400, "BadRequest", "Invalid JSON in request body.");
        }
        JsonNode managed = body == null ? null : body.get("isCloudManaged");
        if (managed == null || !managed.isBoolean()) {
            return replies.graphError(400, "BadRequest", "isCloudManaged must be true or false.");
        }
        try {
            control.setCloudManaged(r.segment(1), managed.asBoolean());
        } catch (IllegalArgumentException e) {
            return replies.graphError(400, "BadRequest", e.getMessage());
        }
        return Reply.noContent();
    }
}
