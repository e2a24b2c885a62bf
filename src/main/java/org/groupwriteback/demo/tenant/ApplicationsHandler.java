package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * App registrations as Graph exposes them: {@code /applications} (create, find by display name, add a
 * certificate through {@code keyCredentials}, delete), {@code /servicePrincipals} (create, find by appId,
 * Microsoft Graph's own with its app roles) and {@code appRoleAssignments} (admin consent). A created
 * application becomes a client of the sign-in endpoints; a new certificate works after the replication delay.
 */
final class ApplicationsHandler {
    /** Microsoft Graph's application id. */
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    private static final Pattern EQ = Pattern.compile("^\\s*(displayName|appId)\\s+eq\\s+'((?:[^']|'')*)'\\s*$");
    private static final List<String> GRAPH_ROLES = List.of("Group.Read.All", "Group.ReadWrite.All",
            "GroupMember.Read.All", "User.Read.All", "Device.Read.All", "Organization.Read.All",
            "Directory.Read.All", "Application.ReadWrite.All");

    private final Clients clients;
    private final Replies replies;
    private final String graphSpId = UUID.nameUUIDFromBytes("graph-sp".getBytes(StandardCharsets.UTF_8)).toString();
    /** Application object id -> its JSON (id, appId, displayName, keyCredentials). */
    private final Map<String, ObjectNode> applications = new ConcurrentHashMap<>();
    /** Service principal id -> appId. */
    private final Map<String, String> servicePrincipals = new ConcurrentHashMap<>();
    private volatile Duration replicationDelay = Duration.ZERO;

    ApplicationsHandler(Clients clients, Replies replies) {
        this.clients = clients;
        this.replies = replies;
        servicePrincipals.put(graphSpId, GRAPH_APP_ID);
    }

    void setReplicationDelay(Duration delay) {
        this.replicationDelay = delay;
    }

    /** How many applications were created and not deleted. */
    int applicationCount() {
        return applications.size();
    }

    static String roleId(String permission) {
        return UUID.nameUUIDFromBytes(("role:" + permission).getBytes(StandardCharsets.UTF_8)).toString();
    }

    Reply createApplication(Request r) throws IOException, HttpError {
        JsonNode body = body(r);
        String name = body.path("displayName").asText("");
        if (name.isBlank()) {
            return replies.graphError(400, "Request_BadRequest", "Property displayName is required.");
        }
        ObjectNode app = replies.object().put("id", UUID.randomUUID().toString())
                .put("appId", UUID.randomUUID().toString()).put("displayName", name);
        app.putArray("keyCredentials");
        applications.put(app.get("id").asText(), app);
        clients.add(new Clients.Client(app.get("appId").asText(), null, Set.of(), false, null));
        return replies.status(201, app);
    }

    Reply listApplications(Request r) throws HttpError {
        String[] filter = filter(r);
        List<JsonNode> found = new ArrayList<>();
        for (ObjectNode app : applications.values()) {
            if (filter == null || app.path(filter[0]).asText().equals(filter[1])) {
                found.add(app);
            }
        }
        return page(r, found);
    }

    Reply patchApplication(Request r) throws IOException, HttpError {
        ObjectNode app = application(r.segment(1));
        JsonNode keys = body(r).get("keyCredentials");
        if (keys != null) {
            X509Certificate last = null;
            for (JsonNode key : keys) {
                try {
                    last = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(Base64.getDecoder().decode(key.path("key").asText())));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    return replies.graphError(400, "Request_BadRequest", "Invalid value specified for property"
                            + " 'key' of resource 'KeyCredential'.");
                }
            }
            ArrayNode stored = app.putArray("keyCredentials");
            keys.forEach(k -> stored.add(replies.object().put("keyId", UUID.randomUUID().toString())
                    .put("type", k.path("type").asText()).put("usage", k.path("usage").asText())
                    .put("displayName", k.path("displayName").asText(null))));
            X509Certificate certificate = last;
            Instant usable = Instant.now().plus(replicationDelay);
            clients.update(app.path("appId").asText(), c -> new Clients.Client(c.id(), c.secret(), c.roles(),
                    c.publicClient(), certificate, usable));
        }
        return new Reply(204, null, Map.of());
    }

    Reply deleteApplication(Request r) throws HttpError {
        ObjectNode app = application(r.segment(1));
        applications.remove(app.path("id").asText());
        servicePrincipals.values().removeIf(appId -> appId.equals(app.path("appId").asText()));
        clients.remove(app.path("appId").asText());
        return new Reply(204, null, Map.of());
    }

    Reply createServicePrincipal(Request r) throws IOException, HttpError {
        String appId = body(r).path("appId").asText("");
        if (clients.find(appId) == null) {
            return replies.graphError(400, "Request_BadRequest", "The appId '" + appId + "' of the service "
                    + "principal does not reference a valid application object.");
        }
        String id = UUID.randomUUID().toString();
        servicePrincipals.put(id, appId);
        return replies.status(201, servicePrincipal(id, appId));
    }

    Reply listServicePrincipals(Request r) throws HttpError {
        String[] filter = filter(r);
        List<JsonNode> found = new ArrayList<>();
        servicePrincipals.forEach((id, appId) -> {
            if (filter == null || ("appId".equals(filter[0]) && appId.equals(filter[1]))) {
                found.add(servicePrincipal(id, appId));
            }
        });
        return page(r, found);
    }

    /** Admin consent for one application permission: the client's tokens carry the role from now on. */
    Reply assignAppRole(Request r) throws IOException, HttpError {
        JsonNode body = body(r);
        String principal = body.path("principalId").asText();
        String appId = servicePrincipals.get(principal);
        if (appId == null || !principal.equals(r.segment(1)) || !graphSpId.equals(body.path("resourceId").asText())) {
            return replies.graphError(400, "Request_BadRequest", "Invalid principalId or resourceId.");
        }
        String role = GRAPH_ROLES.stream().filter(p -> roleId(p).equals(body.path("appRoleId").asText()))
                .findFirst().orElse(null);
        if (role == null) {
            return replies.graphError(400, "Request_BadRequest", "Permission being assigned was not found on "
                    + "application '" + GRAPH_APP_ID + "'.");
        }
        clients.update(appId, c -> {
            Set<String> roles = new HashSet<>(c.roles());
            roles.add(role);
            return new Clients.Client(c.id(), c.secret(), roles, c.publicClient(), c.certificate(),
                    c.certificateUsableFrom());
        });
        ObjectNode assignment = replies.object().put("id", UUID.randomUUID().toString())
                .put("principalId", principal).put("resourceId", graphSpId)
                .put("appRoleId", body.path("appRoleId").asText()).put("principalType", "ServicePrincipal");
        return replies.status(201, assignment);
    }

    private ObjectNode servicePrincipal(String id, String appId) {
        ObjectNode sp = replies.object().put("id", id).put("appId", appId);
        if (GRAPH_APP_ID.equals(appId)) {
            sp.put("displayName", "Microsoft Graph");
            ArrayNode roles = sp.putArray("appRoles");
            GRAPH_ROLES.forEach(p -> roles.add(replies.object().put("id", roleId(p)).put("value", p)
                    .put("isEnabled", true).putPOJO("allowedMemberTypes", List.of("Application"))));
        }
        return sp;
    }

    private ObjectNode application(String id) throws HttpError {
        ObjectNode app = applications.get(id);
        if (app == null) {
            throw replies.graphFailure(404, "Request_ResourceNotFound", "Resource '" + id + "' does not exist or one "
                    + "of its queried reference-property objects are not present.");
        }
        return app;
    }

    private Reply page(Request r, List<JsonNode> values) {
        ObjectNode page = replies.object().put("@odata.context", r.areaUrl() + "/$metadata#" + r.segment(0));
        ArrayNode array = page.putArray("value");
        values.forEach(array::add);
        return replies.ok(page);
    }

    /** {name, value} of a {@code $filter=name eq 'value'}, null without a filter. */
    private String[] filter(Request r) throws HttpError {
        String filter = r.query().get("$filter");
        if (filter == null) {
            return null;
        }
        Matcher m = EQ.matcher(filter);
        if (!m.matches()) {
            throw replies.graphFailure(400, "Request_UnsupportedQuery", "Unsupported or invalid query filter "
                    + "clause specified for property.");
        }
        return new String[] {m.group(1), m.group(2).replace("''", "'")};
    }

    private JsonNode body(Request r) throws IOException, HttpError {
        try {
            JsonNode body = replies.mapper().readTree(r.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // answered below
        }
        throw replies.graphFailure(400, "BadRequest", "Empty Payload. JSON content expected.");
    }
}
