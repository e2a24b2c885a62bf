package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.Sid;

/**
 * A tenant fixture (the JSON format of graph.md): the tenant, its directory setting, users and groups, with
 * optional generated members. {@link #parse} validates everything up front so a bad file fails at load with
 * the entry and field named, not later in a sync.
 */
public record TenantFixture(Tenant tenant, Boolean newUnifiedGroupWritebackDefault, List<User> users,
        List<Group> groups, List<Device> devices) {

    private static final Set<String> TOP_KEYS = Set.of("tenant", "settings", "users", "groups", "devices");
    private static final Set<String> DEVICE_KEYS = Set.of("id", "displayName", "onPremisesSecurityIdentifier",
            "onPremisesSyncEnabled", "trustType");
    private static final Set<String> SYNC_BEHAVIOR_KEYS = Set.of("isCloudManaged");
    private static final Set<String> TENANT_KEYS = Set.of("id", "displayName", "defaultDomain");
    private static final Set<String> SETTINGS_KEYS = Set.of("NewUnifiedGroupWritebackDefault");
    private static final Set<String> USER_KEYS = Set.of("id", "displayName", "userPrincipalName", "mail",
            "onPremisesSyncEnabled", "onPremisesSecurityIdentifier", "onPremisesDistinguishedName",
            "onPremisesSamAccountName", "accountEnabled");
    private static final Set<String> GROUP_KEYS = Set.of("id", "displayName", "description", "mailNickname", "mail",
            "groupTypes", "securityEnabled", "mailEnabled", "onPremisesSyncEnabled", "proxyAddresses",
            "writebackConfiguration", "members", "membersGenerated", "onPremisesSecurityIdentifier",
            "onPremisesSyncBehavior");
    private static final Set<String> WRITEBACK_KEYS = Set.of("isEnabled", "onPremisesGroupType");
    private static final Set<String> GENERATED_KEYS = Set.of("count", "prefix");
    /** The group types Graph accepts in {@code writebackConfiguration.onPremisesGroupType}. */
    public static final Set<String> ON_PREMISES_GROUP_TYPES = Set.of("universalDistributionGroup",
            "universalSecurityGroup", "universalMailEnabledSecurityGroup");

    /** A fixture without devices. */
    public TenantFixture(Tenant tenant, Boolean newUnifiedGroupWritebackDefault, List<User> users, List<Group> groups) {
        this(tenant, newUnifiedGroupWritebackDefault, users, groups, List.of());
    }

    /** The organization. */
    public record Tenant(String id, String displayName, String defaultDomain) {
    }

    /** A user; synced users carry SID and on-premises DN. */
    public record User(String id, String displayName, String userPrincipalName, String mail,
            Boolean onPremisesSyncEnabled, String onPremisesSecurityIdentifier, String onPremisesDistinguishedName,
            String onPremisesSamAccountName) {
    }

    /** {@code membersGenerated}: that many synthetic synced users named from the prefix. */
    public record Generated(int count, String prefix) {
    }

    /** A group with its explicit member ids and optional generated members. */
    public record Group(String id, String displayName, String description, String mailNickname, String mail,
            List<String> groupTypes, boolean securityEnabled, boolean mailEnabled, Boolean onPremisesSyncEnabled,
            List<String> proxyAddresses, Boolean writebackEnabled, String writebackGroupType, List<String> members,
            Generated membersGenerated, String onPremisesSecurityIdentifier, Boolean cloudManaged) {

        /** A group with no on-premises origin. */
        public Group(String id, String displayName, String description, String mailNickname, String mail,
                List<String> groupTypes, boolean securityEnabled, boolean mailEnabled, Boolean onPremisesSyncEnabled,
                List<String> proxyAddresses, Boolean writebackEnabled, String writebackGroupType, List<String> members,
                Generated membersGenerated) {
            this(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled, mailEnabled,
                    onPremisesSyncEnabled, proxyAddresses, writebackEnabled, writebackGroupType, members,
                    membersGenerated, null, null);
        }
    }

    /**
     * A device: hybrid-joined computers synced from AD carry the computer's SID ({@code trustType} "ServerAd");
     * Entra-joined ("AzureAd") and registered ("Workplace") devices have none.
     */
    public record Device(String id, String displayName, String onPremisesSecurityIdentifier,
            Boolean onPremisesSyncEnabled, String trustType) {
    }

    /** Reads and validates a fixture file. */
    public static TenantFixture load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new FixtureException("Cannot read the tenant fixture " + file + ": " + e.getMessage(), e);
        }
    }

    /** The demo tenant shipped with the product ({@code /demo/tenant.json}, matching {@code /demo/directory.ldif}). */
    public static TenantFixture demo() {
        try (InputStream in = TenantFixture.class.getResourceAsStream("/demo/tenant.json")) {
            if (in == null) {
                throw new FixtureException("The bundled demo tenant is missing from the application");
            }
            return parse(in, "demo/tenant.json (bundled)");
        } catch (IOException e) {
            throw new FixtureException("Cannot read the bundled demo tenant: " + e.getMessage(), e);
        }
    }

    /** Reads and validates a fixture; {@code source} names it in messages. */
    public static TenantFixture parse(InputStream in, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new FixtureException("The tenant fixture " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FixtureException("The tenant fixture " + source + " must be a JSON object");
        }
        String where = "tenant fixture " + source;
        checkKeys(root, TOP_KEYS, where);
        JsonNode t = root.get("tenant");
        if (t == null || !t.isObject()) {
            throw new FixtureException(where + ": required field 'tenant' is missing");
        }
        checkKeys(t, TENANT_KEYS, where + ", tenant");
        Tenant tenant = new Tenant(guid(t, "id", where + ", tenant"), required(t, "displayName", where + ", tenant"),
                required(t, "defaultDomain", where + ", tenant"));
        Boolean unifiedDefault = null;
        JsonNode settings = root.get("settings");
        if (settings != null && !settings.isNull()) {
            checkKeys(settings, SETTINGS_KEYS, where + ", settings");
            unifiedDefault = bool(settings, "NewUnifiedGroupWritebackDefault", where + ", settings");
        }
        Set<String> ids = new HashSet<>();
        List<User> users = new ArrayList<>();
        JsonNode usersNode = array(root, "users", where);
        for (int i = 0; i < usersNode.size(); i++) {
            JsonNode u = usersNode.get(i);
            String at = where + ", users[" + i + "]" + idSuffix(u);
            if (!u.isObject()) {
                throw new FixtureException(at + ": must be an object");
            }
            checkKeys(u, USER_KEYS, at);
            String id = guid(u, "id", at);
            if (!ids.add(id)) {
                throw new FixtureException(at + ": field 'id' duplicates an earlier entry");
            }
            String sid = text(u, "onPremisesSecurityIdentifier", at);
            if (sid != null && !Sid.isValid(sid)) {
                throw new FixtureException(at + ": field 'onPremisesSecurityIdentifier' is not a valid SID: " + sid);
            }
            users.add(new User(id, required(u, "displayName", at), required(u, "userPrincipalName", at),
                    text(u, "mail", at), bool(u, "onPremisesSyncEnabled", at), sid,
                    text(u, "onPremisesDistinguishedName", at), text(u, "onPremisesSamAccountName", at)));
        }
        List<Device> devices = new ArrayList<>();
        JsonNode devicesNode = array(root, "devices", where);
        for (int i = 0; i < devicesNode.size(); i++) {
            JsonNode d = devicesNode.get(i);
            String at = where + ", devices[" + i + "]" + idSuffix(d);
            checkKeys(d, DEVICE_KEYS, at);
            String id = guid(d, "id", at);
            if (!ids.add(id)) {
                throw new FixtureException(at + ": field 'id' duplicates an earlier entry");
            }
            devices.add(new Device(id, required(d, "displayName", at), sid(d, at), bool(d, "onPremisesSyncEnabled", at),
                    text(d, "trustType", at)));
        }
        JsonNode groupsNode = array(root, "groups", where);
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < groupsNode.size(); i++) {
            JsonNode g = groupsNode.get(i);
            String at = where + ", groups[" + i + "]" + idSuffix(g);
            if (!g.isObject()) {
                throw new FixtureException(at + ": must be an object");
            }
            checkKeys(g, GROUP_KEYS, at);
            String id = guid(g, "id", at);
            if (!ids.add(id)) {
                throw new FixtureException(at + ": field 'id' duplicates an earlier entry");
            }
            Boolean wbEnabled = null;
            String wbType = null;
            JsonNode wb = g.get("writebackConfiguration");
            if (wb != null && !wb.isNull()) {
                checkKeys(wb, WRITEBACK_KEYS, at + ", writebackConfiguration");
                wbEnabled = bool(wb, "isEnabled", at + ", writebackConfiguration");
                wbType = text(wb, "onPremisesGroupType", at + ", writebackConfiguration");
                if (wbType != null && !ON_PREMISES_GROUP_TYPES.contains(wbType)) {
                    throw new FixtureException(at + ": field 'writebackConfiguration.onPremisesGroupType' must be one of "
                            + ON_PREMISES_GROUP_TYPES + ", not " + wbType);
                }
            }
            Generated generated = null;
            JsonNode gen = g.get("membersGenerated");
            if (gen != null && !gen.isNull()) {
                checkKeys(gen, GENERATED_KEYS, at + ", membersGenerated");
                JsonNode count = gen.get("count");
                if (count == null || !count.canConvertToInt() || count.asInt() < 0 || count.asInt() > 999_999) {
                    throw new FixtureException(at + ": field 'membersGenerated.count' must be a number from 0 to "
                            + "999999");
                }
                String prefix = required(gen, "prefix", at + ", membersGenerated");
                if (!prefix.matches("[A-Za-z][A-Za-z0-9]{0,11}")) {
                    throw new FixtureException(at + ": field 'membersGenerated.prefix' must be 1-12 letters/digits "
                            + "starting with a letter (it becomes part of sAMAccountName)");
                }
                generated = new Generated(count.asInt(), prefix);
            }
            Boolean cloudManaged = null;
            JsonNode behavior = g.get("onPremisesSyncBehavior");
            if (behavior != null && !behavior.isNull()) {
                checkKeys(behavior, SYNC_BEHAVIOR_KEYS, at + ", onPremisesSyncBehavior");
                cloudManaged = bool(behavior, "isCloudManaged", at + ", onPremisesSyncBehavior");
            }
            Boolean security = bool(g, "securityEnabled", at);
            Boolean mailEnabled = bool(g, "mailEnabled", at);
            groups.add(new Group(id, required(g, "displayName", at), text(g, "description", at),
                    required(g, "mailNickname", at), text(g, "mail", at), strings(g, "groupTypes", at),
                    Boolean.TRUE.equals(security), Boolean.TRUE.equals(mailEnabled), bool(g, "onPremisesSyncEnabled", at),
                    strings(g, "proxyAddresses", at), wbEnabled, wbType, strings(g, "members", at), generated,
                    sid(g, at), cloudManaged));
        }
        // Members may refer to groups later in the file, so check them once all ids are known.
        Set<String> userIds = new HashSet<>();
        users.forEach(u -> userIds.add(u.id()));
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            for (String member : g.members()) {
                if (!ids.contains(member)) {
                    throw new FixtureException(where + ", groups[" + i + "] (id " + g.id() + "): field 'members' "
                            + "names unknown id " + member);
                }
                if (member.equals(g.id())) {
                    throw new FixtureException(where + ", groups[" + i + "] (id " + g.id() + "): field 'members' "
                            + "contains the group itself");
                }
            }
        }
        return new TenantFixture(tenant, unifiedDefault, List.copyOf(users), List.copyOf(groups), List.copyOf(devices));
    }

    /** The domain SID of the fixture's synced users, or {@link GeneratedUsers#DEFAULT_DOMAIN_SID}. */
    public String domainSid() {
        for (User u : users) {
            if (Boolean.TRUE.equals(u.onPremisesSyncEnabled()) && u.onPremisesSecurityIdentifier() != null) {
                String sid = u.onPremisesSecurityIdentifier();
                return sid.substring(0, sid.lastIndexOf('-'));
            }
        }
        return GeneratedUsers.DEFAULT_DOMAIN_SID;
    }

    /**
     * All generated users, one block per distinct prefix (the largest count asked for that prefix), RIDs
     * allocated in fixture order from {@link GeneratedUsers#FIRST_RID}.
     */
    public List<GeneratedUsers.GeneratedUser> generatedUsers() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Group g : groups) {
            if (g.membersGenerated() != null) {
                counts.merge(g.membersGenerated().prefix(), g.membersGenerated().count(), Math::max);
            }
        }
        List<GeneratedUsers.GeneratedUser> all = new ArrayList<>();
        int rid = GeneratedUsers.FIRST_RID;
        String domainSid = domainSid();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            all.addAll(GeneratedUsers.generate(domainSid, e.getKey(), e.getValue(), rid, tenant.defaultDomain()));
            // Blocks start on round numbers so a prefix keeps its RIDs when another block grows a little.
            rid += ((e.getValue() / 100_000) + 1) * 100_000;
        }
        return all;
    }

    /** Generated users of one prefix (as allocated by {@link #generatedUsers()}). */
    public Map<String, List<GeneratedUsers.GeneratedUser>> generatedUsersByPrefix() {
        Map<String, List<GeneratedUsers.GeneratedUser>> byPrefix = new HashMap<>();
        for (GeneratedUsers.GeneratedUser u : generatedUsers()) {
            String prefix = u.samAccountName().substring(0, u.samAccountName().length() - 6);
            byPrefix.computeIfAbsent(prefix, k -> new ArrayList<>()).add(u);
        }
        return byPrefix;
    }

    private static String sid(JsonNode node, String at) {
        String sid = text(node, "onPremisesSecurityIdentifier", at);
        if (sid != null && !Sid.isValid(sid)) {
            throw new FixtureException(at + ": field 'onPremisesSecurityIdentifier' is not a valid SID: " + sid);
        }
        return sid;
    }

    private static String idSuffix(JsonNode node) {
        JsonNode id = node.isObject() ? node.get("id") : null;
        return id != null && id.isTextual() ? " (id " + id.asText() + ")" : "";
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String at) {
        if (!node.isObject()) {
            throw new FixtureException(at + ": must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new FixtureException(at + ": unknown field '" + key + "' (allowed: " + allowed + ")");
            }
        }
    }

    private static JsonNode array(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return new ObjectMapper().createArrayNode();
        }
        if (!value.isArray()) {
            throw new FixtureException(at + ": field '" + field + "' must be an array");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new FixtureException(at + ": field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static String required(JsonNode node, String field, String at) {
        String value = text(node, field, at);
        if (value == null || value.isBlank()) {
            throw new FixtureException(at + ": required field '" + field + "' is missing");
        }
        return value;
    }

    private static String guid(JsonNode node, String field, String at) {
        String value = required(node, field, at);
        try {
            UUID parsed = UUID.fromString(value);
            if (!parsed.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(value);
            }
        } catch (IllegalArgumentException e) {
            throw new FixtureException(at + ": field '" + field + "' is not a valid GUID: " + value);
        }
        return value.toLowerCase();
    }

    private static Boolean bool(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new FixtureException(at + ": field '" + field + "' must be true, false or null");
        }
        return value.asBoolean();
    }

    private static List<String> strings(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new FixtureException(at + ": field '" + field + "' must be an array of strings");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new FixtureException(at + ": field '" + field + "' must be an array of strings");
            }
            list.add(field.equals("members") ? item.asText().toLowerCase() : item.asText());
        }
        return List.copyOf(list);
    }
}
