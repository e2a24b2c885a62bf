package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;
import org.groupwriteback.demo.tenant.TenantState.UserEntry;

/** Renders users and groups as Graph JSON with {@code @odata.type}, honouring {@code $select}. */
final class GraphObjects {
    static final String GROUP_TYPE = "#microsoft.graph.group";
    static final List<String> GROUP_FIELDS = List.of("id", "displayName", "description", "mailNickname",
            "mail", "groupTypes", "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "proxyAddresses");
    static final List<String> USER_FIELDS = List.of("id", "displayName", "userPrincipalName", "mail",
            "accountEnabled", "onPremisesSyncEnabled", "onPremisesSecurityIdentifier", "onPremisesDistinguishedName",
            "onPremisesSamAccountName");

    private final ObjectMapper json;

    GraphObjects(ObjectMapper json) {
        this.json = json;
    }

    /** A group; {@code writebackConfiguration} only on beta. */
    ObjectNode group(GroupEntry g, Set<String> select, boolean beta) {
        ObjectNode n = reference(GROUP_TYPE, g.id);
        if (want(select, "displayName")) {
            n.put("displayName", g.displayName);
        }
        if (want(select, "description")) {
            n.put("description", g.description);
        }
        if (want(select, "mailNickname")) {
            n.put("mailNickname", g.mailNickname);
        }
        if (want(select, "mail")) {
            n.put("mail", g.mail);
        }
        if (want(select, "groupTypes")) {
            ArrayNode a = n.putArray("groupTypes");
            g.groupTypes.forEach(a::add);
        }
        if (want(select, "securityEnabled")) {
            n.put("securityEnabled", g.securityEnabled);
        }
        if (want(select, "mailEnabled")) {
            n.put("mailEnabled", g.mailEnabled);
        }
        if (want(select, "onPremisesSyncEnabled")) {
            n.put("onPremisesSyncEnabled", g.onPremisesSyncEnabled);
        }
        if (want(select, "proxyAddresses")) {
            ArrayNode a = n.putArray("proxyAddresses");
            g.proxyAddresses.forEach(a::add);
        }
        if (beta && want(select, "writebackConfiguration")) {
            n.putObject("writebackConfiguration").put("isEnabled", g.writebackEnabled)
                    .put("onPremisesGroupType", g.writebackGroupType);
        }
        return n;
    }

    ObjectNode user(UserEntry u, Set<String> select) {
        ObjectNode n = reference("#microsoft.graph.user", u.id);
        if (want(select, "displayName")) {
            n.put("displayName", u.displayName);
        }
        if (want(select, "userPrincipalName")) {
            n.put("userPrincipalName", u.userPrincipalName);
        }
        if (want(select, "mail")) {
            n.put("mail", u.mail);
        }
        if (want(select, "accountEnabled")) {
            n.put("accountEnabled", true);
        }
        if (want(select, "onPremisesSyncEnabled")) {
            n.put("onPremisesSyncEnabled", u.onPremisesSyncEnabled);
        }
        if (want(select, "onPremisesSecurityIdentifier")) {
            n.put("onPremisesSecurityIdentifier", u.onPremisesSecurityIdentifier);
        }
        if (want(select, "onPremisesDistinguishedName")) {
            n.put("onPremisesDistinguishedName", u.onPremisesDistinguishedName);
        }
        if (want(select, "onPremisesSamAccountName")) {
            n.put("onPremisesSamAccountName", u.onPremisesSamAccountName);
        }
        return n;
    }

    /** {@code {"@odata.type", "id"}}: a member reference, or a delta item carrying no properties. */
    ObjectNode reference(String odataType, String id) {
        return json.createObjectNode().put("@odata.type", odataType).put("id", id);
    }

    /** A removed object in delta: {@code {"id", "@removed": {"reason"}}}. */
    ObjectNode removed(String id, String reason) {
        ObjectNode n = json.createObjectNode().put("id", id);
        n.putObject("@removed").put("reason", reason);
        return n;
    }

    private static boolean want(Set<String> select, String field) {
        return select == null || select.contains(field);
    }
}
