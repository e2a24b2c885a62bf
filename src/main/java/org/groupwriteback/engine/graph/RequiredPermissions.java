package org.groupwriteback.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one list of Microsoft Graph permissions this product needs: the engine's application permissions (what
 * the wizard grants, {@code gwb permissions graph} prints, the README names and the credential test checks)
 * and the administrator's delegated scopes for the wizard's sign-in and app creation.
 */
public final class RequiredPermissions {
    /** Microsoft Graph's application id, the resource every permission here belongs to. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    /** One application permission and why the engine needs it. */
    public record Permission(String name, String purpose) {
    }

    /** Reads groups, their members and writeback settings (delta queries). */
    public static final Permission GROUP_READ = new Permission("Group.Read.All",
            "read groups, their members and writeback settings");
    /** Reads the on-premises security identifiers of synced users. */
    public static final Permission USER_READ = new Permission("User.Read.All",
            "read the on-premises SIDs of synced members");
    /** Reads the on-premises SIDs of hybrid-joined devices (device members are written like users). */
    public static final Permission DEVICE_READ = new Permission("Device.Read.All",
            "read the on-premises SIDs of hybrid-joined devices that are members");
    /** Reads the tenant's identity (the credential test and the status pages). */
    public static final Permission ORGANIZATION_READ = new Permission("Organization.Read.All",
            "confirm which tenant the credential signs in to");
    /** Changes one group's writeback setting (per-group writeback management only). */
    public static final Permission GROUP_WRITE = new Permission("Group.ReadWrite.All",
            "change a group's writeback setting (gwb writeback set, the wizard's Group writeback settings)");

    /**
     * Changes the tenant's default for new Microsoft 365 groups ({@code NewUnifiedGroupWritebackDefault}, a
     * directory setting): needed only to change it from the wizard's "Group writeback settings" page; Graph has
     * no narrower permission for directory settings. Not part of {@link #application(boolean)}.
     */
    public static final Permission TENANT_DEFAULT_WRITE = new Permission("Directory.ReadWrite.All",
            "change the tenant default for new Microsoft 365 groups (optional, wizard only)");

    /** What the administrator's sign-in asks for: read the tenant and create the engine's app registration. */
    public static final List<String> ADMIN_SCOPES = List.of("Application.ReadWrite.All",
            "AppRoleAssignment.ReadWrite.All", "Organization.Read.All", "Group.Read.All");

    private RequiredPermissions() {
    }

    /** The engine's application permissions; {@link #GROUP_WRITE} only with per-group writeback management. */
    public static List<Permission> application(boolean manageWriteback) {
        List<Permission> list = new ArrayList<>(List.of(GROUP_READ, USER_READ, DEVICE_READ, ORGANIZATION_READ));
        if (manageWriteback) {
            list.add(GROUP_WRITE);
        }
        return List.copyOf(list);
    }

    /** The names of {@link #application(boolean)}, in order. */
    public static List<String> applicationNames(boolean manageWriteback) {
        return application(manageWriteback).stream().map(Permission::name).toList();
    }

    /** "Group.Read.All, User.Read.All and ..." for messages. */
    public static String describe(boolean manageWriteback) {
        List<String> names = applicationNames(manageWriteback);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Lines for {@code gwb permissions graph} and the wizard: one per permission with its purpose. */
    public static String lines(boolean manageWriteback) {
        return application(manageWriteback).stream().map(p -> p.name() + "  (application) " + p.purpose())
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
