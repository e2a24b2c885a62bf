package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The HTTP admin API ({@code /_admin/...}, header {@code X-Admin-Key: <client secret>}): the control API for
 * scripts driving a running demo environment. Answers 204, or 201 with {@code {"id"}} for creations.
 */
final class AdminHandler {
    private final TenantControl control;
    private final Faults faults;
    private final DeltaHandler delta;
    private final Replies replies;
    private final String adminKey;

    AdminHandler(TenantControl control, Faults faults, DeltaHandler delta, Replies replies, String adminKey) {
        this.control = control;
        this.faults = faults;
        this.delta = delta;
        this.replies = replies;
        this.adminKey = adminKey;
    }

    Reply handle(Request r) throws IOException {
        String key = r.header("X-Admin-Key");
        if (key == null || !key.equals(adminKey)) {
            return replies.graphError(401, "Unauthorized",
                    "The admin API needs the header X-Admin-Key with the client secret.");
        }
        byte[] raw = r.body();
        JsonNode body = raw.length == 0 ? replies.object() : replies.mapper().readTree(raw);
        List<String> seg = r.segments();
        String operation = r.method() + " " + String.join("/", seg.stream()
                .map(p -> p.matches("[0-9a-fA-F-]{36}") ? "{id}" : p).toList());
        try {
            return operation(operation, seg, body);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return replies.graphError(400, "BadRequest", e.getMessage());
        }
    }

    private Reply operation(String operation, List<String> seg, JsonNode body) {
        switch (operation) {
            case "POST groups" -> {
                List<String> types = new ArrayList<>();
                body.path("groupTypes").forEach(t -> types.add(t.asText()));
                List<String> members = new ArrayList<>();
                body.path("members").forEach(m -> members.add(m.asText().toLowerCase()));
                String id = control.createGroup(body.path("displayName").asText(), body.path("mailNickname").asText(),
                        types, body.path("securityEnabled").asBoolean(false), body.path("mailEnabled").asBoolean(false),
                        members);
                return created(id);
            }
            case "PATCH groups/{id}" -> {
                if (body.has("displayName")) {
                    control.renameGroup(seg.get(1), body.path("displayName").asText());
                }
                if (body.has("description")) {
                    control.setDescription(seg.get(1), body.path("description").isNull() ? null
                            : body.path("description").asText());
                }
            }
            case "DELETE groups/{id}" -> control.hardDeleteGroup(seg.get(1));
            case "POST groups/{id}/softDelete" -> control.softDeleteGroup(seg.get(1));
            case "POST groups/{id}/restore" -> control.restoreGroup(seg.get(1));
            case "POST groups/{id}/members" -> control.addMember(seg.get(1), body.path("id").asText().toLowerCase());
            case "DELETE groups/{id}/members/{id}" -> control.removeMember(seg.get(1), seg.get(3).toLowerCase());
            case "PUT groups/{id}/writeback" -> control.setWriteback(seg.get(1), optionalBoolean(body, "isEnabled"),
                    body.path("onPremisesGroupType").isTextual() ? body.path("onPremisesGroupType").asText() : null);
            case "PUT settings" -> control.setUnifiedWritebackDefault(
                    optionalBoolean(body, "NewUnifiedGroupWritebackDefault"));
            case "POST users" -> {
                String id = body.path("id").asText(UUID.randomUUID().toString());
                control.addUser(new TenantFixture.User(id, body.path("displayName").asText(id),
                        body.path("userPrincipalName").asText(id + "@" + control.defaultDomain()),
                        body.path("mail").asText(null), optionalBoolean(body, "onPremisesSyncEnabled"),
                        body.path("onPremisesSecurityIdentifier").asText(null),
                        body.path("onPremisesDistinguishedName").asText(null),
                        body.path("onPremisesSamAccountName").asText(null)));
                return created(id);
            }
            case "DELETE users/{id}" -> control.deleteUser(seg.get(1));
            case "POST expireDeltaLinks" -> delta.expireAll();
            case "POST faults" -> {
                return addFault(body);
            }
            case "DELETE faults" -> faults.clear();
            default -> {
                return replies.graphError(404, "NotFound", "No admin operation " + operation);
            }
        }
        return Reply.noContent();
    }

    private Reply addFault(JsonNode body) {
        String on = body.path("path").asText("/");
        int times = body.path("times").asInt(1);
        int retryAfter = body.path("retryAfter").asInt(1);
        switch (body.path("kind").asText()) {
            case "throttle" -> faults.throttleNext(on, times, retryAfter);
            case "unavailable" -> faults.unavailableNext(on, times, retryAfter);
            case "drop" -> faults.dropNext(on, times);
            case "malformed" -> faults.malformedNext(on, times);
            case "latency" -> faults.latency(on, Duration.ofMillis(body.path("millis").asLong()));
            default -> {
                return replies.graphError(400, "BadRequest",
                        "kind must be throttle, unavailable, drop, malformed or latency");
            }
        }
        return Reply.noContent();
    }

    private Reply created(String id) {
        return replies.status(201, replies.object().put("id", id));
    }

    private static Boolean optionalBoolean(JsonNode body, String field) {
        return body.path(field).isBoolean() ? body.path(field).asBoolean() : null;
    }
}
