package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Where each request goes: {@code /_admin/...} to the admin API, {@code /v1.0} and {@code /beta} (after the
 * bearer token check) to the Graph route table, everything else to sign-in below {@code /{tenant}}.
 * A new Graph or sign-in area is a handler plus one line in {@link #graph} or {@link #signIn}.
 */
final class Router {
    /** Graph's rule for each read: any one of these application permissions (Directory.* covers all). */
    private static final Set<String> GROUPS = Set.of("Group.Read.All", "GroupMember.Read.All",
            "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");
    private static final Set<String> USERS = Set.of("User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
            "Directory.ReadWrite.All");
    private static final Set<String> ORGANIZATION = Set.of("Organization.Read.All", "Organization.ReadWrite.All",
            "Directory.Read.All", "Directory.ReadWrite.All");
    private static final Set<String> READ = union(GROUPS, USERS, ORGANIZATION);
    private static final Set<String> APPLICATIONS = Set.of("Application.ReadWrite.All", "Directory.ReadWrite.All");
    private static final Set<String> DEVICES = Set.of("Device.Read.All", "Device.ReadWrite.All",
            "Directory.Read.All", "Directory.ReadWrite.All");
    private static final Set<String> WRITE = Set.of("Group.ReadWrite.All", "Directory.ReadWrite.All");
    /** Directory settings (groupSettings) are written only with Directory.ReadWrite.All, as in Graph. */
    private static final Set<String> SETTINGS_WRITE = Set.of("Directory.ReadWrite.All");

    private final Routes graph = new Routes();
    private final Routes signIn = new Routes();
    private final AdminHandler admin;
    private final SignInHandler signInHandler;
    private final BearerAuth auth;
    private final QueryOptions options;
    private final Replies replies;

    /** The handlers of every area. */
    record Areas(SignInHandler signIn, GraphResourcesHandler resources, DeltaHandler delta,
            WritebackHandler writeback, AdminHandler admin, DevicesHandler devices,
            ApplicationsHandler applications) {
    }

    Router(Areas areas, BearerAuth auth, QueryOptions options, Replies replies) {
        this.admin = areas.admin();
        this.signInHandler = areas.signIn();
        this.auth = auth;
        this.options = options;
        this.replies = replies;
        SignInHandler s = areas.signIn();
        signIn.add(Routes.ANY, "v2.0/.well-known/openid-configuration", s::openIdConfiguration)
                .add(Routes.ANY, "discovery/v2.0/keys", s::keys)
                .add(Routes.ANY, "discovery/keys", s::keys)
                .add(Routes.ANY, "oauth2/v2.0/token", s::token)
                .add(Routes.ANY, "oauth2/v2.0/authorize", s::authorize)
                .add(Routes.ANY, "oauth2/v2.0/devicecode", s::deviceCode);
        GraphResourcesHandler res = areas.resources();
        DeltaHandler delta = areas.delta();
        WritebackHandler wb = areas.writeback();
        DevicesHandler dev = areas.devices();
        // Order matters: the first match wins, so "groups/delta" comes before "groups/{id}".
        graph.add("GET", "organization", ORGANIZATION, res::organization)
                .add("GET", "me", READ, res::me)
                .add("GET", "groupSettings", READ, wb::groupSettings)
                .add("POST", "groupSettings", SETTINGS_WRITE, wb::createGroupSetting)
                .add("PATCH", "groupSettings/{id}", SETTINGS_WRITE, wb::patchGroupSetting)
                .add("GET", "groups", GROUPS, res::groups)
                .add("GET", "users", USERS, res::users)
                .add("GET", "groups/delta|delta()", GROUPS, delta::groups)
                .add("GET", "users/delta|delta()", USERS, delta::users)
                .add("GET", "devices/delta|delta()", DEVICES, dev::delta)
                .add("GET", "devices", DEVICES, dev::devices)
                .add("GET", "groups/{id}/onPremisesSyncBehavior", GROUPS, dev::syncBehavior)
                .add("PATCH", "groups/{id}/onPremisesSyncBehavior", WRITE, dev::patchSyncBehavior)
                .add("GET", "groups/{id}", GROUPS, res::group)
                .add("GET", "groups/{id}/members", GROUPS, res::members)
                .add("GET", "users/{id}", USERS, res::user)
                .add("GET", "directory/deletedItems/microsoft.graph.group|graph.group", GROUPS, res::deletedGroups)
                .add("PATCH", "groups/{id}", WRITE, wb::patchGroup);
        ApplicationsHandler apps = areas.applications();
        graph.add("POST", "applications", APPLICATIONS, apps::createApplication)
                .add("GET", "applications", APPLICATIONS, apps::listApplications)
                .add("PATCH", "applications/{id}", APPLICATIONS, apps::patchApplication)
                .add("DELETE", "applications/{id}", APPLICATIONS, apps::deleteApplication)
                .add("POST", "servicePrincipals", APPLICATIONS, apps::createServicePrincipal)
                .add("GET", "servicePrincipals", APPLICATIONS, apps::listServicePrincipals)
                .add("POST", "servicePrincipals/{id}/appRoleAssignments", APPLICATIONS, apps::assignAppRole);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    Reply route(Request r) throws IOException, HttpError {
        if (r.segments().isEmpty()) {
            return replies.graphError(404, "NotFound", "No resource at /");
        }
        String area = r.segment(0);
        if (area.equals("_admin")) {
            return admin.handle(r.belowArea());
        }
        if (area.equals("v1.0") || area.equals("beta")) {
            return graph(r.belowArea());
        }
        if (!signInHandler.knownTenant(area)) {
            return signInHandler.unknownTenant(area);
        }
        Request below = r.belowArea();
        Optional<Routes.Route> route = signIn.find(r.method(), below.segments());
        if (route.isEmpty()) {
            return replies.graphError(404, "NotFound", "No resource at " + r.rawPath());
        }
        return route.get().handler().handle(below);
    }

    private Reply graph(Request request) throws IOException, HttpError {
        JsonNode claims = auth.authenticate(request);
        Request r = request.withClaims(claims);
        Optional<Routes.Route> route = graph.find(r.method(), r.segments());
        if (route.isEmpty()) {
            boolean known = r.method().equals("GET") || r.method().equals("PATCH");
            if (r.method().equals("GET")) {
                auth.authorize(claims, READ);
                return replies.graphError(400, "BadRequest", "Resource not found for the segment '"
                        + String.join("/", r.segments()) + "'.");
            }
            if (known) {
                auth.authorize(claims, WRITE);
            }
            return replies.graphError(405, "Request_BadRequest", "Unsupported method " + r.method());
        }
        auth.authorize(claims, route.get().roles());
        if (r.method().equals("GET")) {
            // Graph checks $top on every read before it looks at the resource.
            options.top(r.query(), GraphResourcesHandler.DEFAULT_TOP);
        }
        return route.get().handler().handle(r);
    }
}
