package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;

/**
 * Writeback configuration: {@code PATCH /beta/groups/{id}} (writebackConfiguration, which only beta knows,
 * plus displayName and description) and the {@code groupSettings} carrying {@code NewUnifiedGroupWritebackDefault}.
 */
final class WritebackHandler {
    private static final String GROUP_UNIFIED_TEMPLATE = "62375ab9-6b52-47ed-826b-58e47e0e304b";

    private final TenantState state;
    private final Replies replies;

    WritebackHandler(TenantState state, Replies replies) {
        this.state = state;
        this.replies = replies;
    }

    /**
     * What Entra does to a Microsoft 365 group created while {@code NewUnifiedGroupWritebackDefault} is false:
     * stamps {@code isEnabled: false} on it when it did not name a writeback setting itself. Existing groups are
     * left alone, so the setting only decides what new groups get.
     */
    static void stampNewGroup(TenantState state, GroupEntry g) {
        if (g.isUnified() && g.writebackEnabled == null && Boolean.FALSE.equals(state.unifiedWritebackDefault)) {
            g.writebackEnabled = false;
        }
    }

    /** The Group.Unified directory setting, or none when the tenant has not set the default (= true). */
    Reply groupSettings(Request r) {
        List<ObjectNode> settings;
        synchronized (state) {
            settings = state.unifiedWritebackDefault == null ? List.of() : List.of(unifiedSetting());
        }
        return replies.ok(replies.page(r.areaUrl() + "/$metadata#groupSettings", settings, null, null));
    }

    private String unifiedSettingId() {
        return UUID.nameUUIDFromBytes((state.tenantId + ":Group.Unified").getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private ObjectNode unifiedSetting() {
        ObjectNode setting = replies.object();
        setting.put("id", unifiedSettingId()).put("displayName", "Group.Unified")
                .put("templateId", GROUP_UNIFIED_TEMPLATE);
        setting.putArray("values").addObject().put("name", "NewUnifiedGroupWritebackDefault")
                .put("value", state.unifiedWritebackDefault.toString());
        return setting;
    }

    /**
     * {@code POST /groupSettings}: creates the Group.Unified setting from its template, as Graph does; a second
     * one is a conflict, another template is not served here.
     */
    Reply createGroupSetting(Request r) throws IOException {
        JsonNode body = json(r);
        if (body == null) {
            return replies.graphError(400, "BadRequest", "Empty Payload. JSON content expected.");
        }
        if (!GROUP_UNIFIED_TEMPLATE.equalsIgnoreCase(body.path("templateId").asText())) {
            return replies.graphError(400, "Request_BadRequest", "Invalid value specified for property "
                    + "'templateId' of resource 'GroupSetting'.");
        }
        synchronized (state) {
            if (state.unifiedWritebackDefault != null) {
                return replies.graphError(409, "Request_BadRequest", "A conflicting object with one or more of "
                        + "the specified property values is present in the directory.");
            }
            Reply refused = applyValues(body.path("values"), true);
            if (refused != null) {
                return refused;
            }
            return replies.status(201, unifiedSetting());
        }
    }

    /** {@code PATCH /groupSettings/{id}}: changes the values of the Group.Unified setting. */
    Reply patchGroupSetting(Request r) throws IOException {
        String id = r.segment(1);
        JsonNode body = json(r);
        if (body == null) {
            return replies.graphError(400, "BadRequest", "Empty Payload. JSON content expected.");
        }
        synchronized (state) {
            if (state.unifiedWritebackDefault == null || !unifiedSettingId().equalsIgnoreCase(id)) {
                return replies.notFound(id);
            }
            Reply refused = applyValues(body.path("values"), false);
            return refused != null ? refused : Reply.noContent();
        }
    }

    /** Applies {@code NewUnifiedGroupWritebackDefault} from a values array; other names of the template are kept. */
    private Reply applyValues(JsonNode values, boolean creating) {
        Boolean value = creating ? Boolean.TRUE : state.unifiedWritebackDefault;
        if (values.isArray()) {
            for (JsonNode v : values) {
                if ("NewUnifiedGroupWritebackDefault".equalsIgnoreCase(v.path("name").asText())) {
                    String text = v.path("value").asText();
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        return replies.graphError(400, "Request_BadRequest", "Invalid value '" + text
                                + "' for setting 'NewUnifiedGroupWritebackDefault': use true or false.");
                    }
                    value = Boolean.parseBoolean(text);
                }
            }
        }
        state.unifiedWritebackDefault = value;
        state.next();
        return null;
    }

    private JsonNode json(Request r) throws IOException {
        try {
            JsonNode body = replies.mapper().readTree(r.body());
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Applies the named properties in order; a PATCH of writebackConfiguration leaves what it does not name. */
    Reply patchGroup(Request r) throws IOException {
        String id = r.segment(1);
        JsonNode body;
        try {
            body = replies.mapper().readTree(r.body());
        } catch (IOException e) {
            return replies.graphError(400, "BadRequest", "Invalid JSON in request body.");
        }
        if (body == null || !body.isObject()) {
            return replies.graphError(400, "BadRequest", "Empty Payload. JSON content expected.");
        }
        synchronized (state) {
            GroupEntry g = state.visibleGroup(id);
            if (g == null) {
                return replies.notFound(id);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Reply refused = apply(r, g, field.getKey(), field.getValue());
                if (refused != null) {
                    return refused;
                }
            }
        }
        return Reply.noContent();
    }

    /** Applies one property; an error answer when the property or its value is not accepted. */
    private Reply apply(Request r, GroupEntry g, String name, JsonNode value) {
        switch (name) {
            case "displayName" -> {
                g.displayName = value.asText();
                g.propsSeq = state.next();
            }
            case "description" -> {
                g.description = value.isNull() ? null : value.asText();
                g.propsSeq = state.next();
            }
            case "writebackConfiguration" -> {
                if (!r.beta()) {
                    return replies.graphError(400, "Request_BadRequest", "Invalid property 'writebackConfiguration'.");
                }
                JsonNode enabled = value.get("isEnabled");
                JsonNode type = value.get("onPremisesGroupType");
                String typeText = type == null || type.isNull() ? null : type.asText();
                if (typeText != null && !TenantFixture.ON_PREMISES_GROUP_TYPES.contains(typeText)) {
                    return replies.graphError(400, "Request_BadRequest", "Invalid value specified for property "
                            + "'onPremisesGroupType' of resource 'Group'.");
                }
                state.setWriteback(g, enabled == null ? g.writebackEnabled : enabled.isNull() ? null : enabled.asBoolean(),
                        type == null ? g.writebackGroupType : typeText);
            }
            case "@odata.type" -> {
                // Accepted and ignored, as Graph does.
            }
            default -> {
                return replies.graphError(400, "Request_BadRequest", "Invalid property '" + name + "'.");
            }
        }
        return null;
    }
}
