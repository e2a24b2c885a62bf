package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.groupwriteback.cli.Main;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.ad.Sid;
import picocli.CommandLine;

/**
 * One acceptance world: a generated tenant fixture and matching LDIF, the demo environment started in-process
 * from them, a data directory configured through {@code gwb configure}, and helpers that drive the real CLI
 * and read the directory with plain UnboundID searches.
 */
final class World implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DOMAIN_SID = "S-1-5-21-3101-4202-5303";
    static final DN BASE = dn("DC=contoso,DC=test");
    static final DN CORP = new DN(new RDN("OU", "Corp"), BASE);
    static final DN USERS = new DN(new RDN("OU", "Users"), CORP);
    static final DN CLOUD_GROUPS = new DN(new RDN("OU", "Cloud Groups"), CORP);
    static final DN GROUPS = new DN(new RDN("OU", "Groups"), CORP);
    static final DN EXCLUDED = new DN(new RDN("OU", "Excluded"), CORP);
    static final DN SERVICE = new DN(new RDN("OU", "Service Accounts"), CORP);

    /** A fixture under construction: tenant JSON and the on-premises entries that match it. */
    static final class Fixture {
        final ObjectNode tenant = JSON.createObjectNode();
        final ArrayNode users;
        final ArrayNode groups;
        final List<Entry> entries = new ArrayList<>();
        private int nextRid = 1200;

        Fixture() {
            tenant.putObject("tenant").put("id", id("tenant")).put("displayName", "Contoso Acceptance")
                    .put("defaultDomain", "contoso.onmicrosoft.com");
            tenant.putObject("settings");
            users = tenant.putArray("users");
            groups = tenant.putArray("groups");
            entries.add(new Entry(BASE, new Attribute("objectClass", "top", "domainDNS"), new Attribute("dc", "contoso"),
                    new Attribute("name", "contoso"), new Attribute("objectSid", domainSid().toBytes())));
            for (DN ou : List.of(CORP, USERS, CLOUD_GROUPS, GROUPS, EXCLUDED, SERVICE)) {
                entries.add(new Entry(ou, new Attribute("objectClass", "top", "organizationalUnit"),
                        new Attribute("ou", ou.getRDN().getAttributeValues()[0])));
            }
            entries.add(new Entry(new DN(new RDN("CN", "svc-gwb"), SERVICE),
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("cn", "svc-gwb"), new Attribute("sAMAccountName", "svc-gwb"),
                    new Attribute("userPassword", "Acceptance!Sync-Passw0rd"),
                    new Attribute("userAccountControl", "66048"),
                    new Attribute("objectSid", new Sid(DOMAIN_SID + "-1100").toBytes())));
        }

        /** The tenant default NewUnifiedGroupWritebackDefault. */
        Fixture unifiedDefault(Boolean value) {
            ((ObjectNode) tenant.get("settings")).put("NewUnifiedGroupWritebackDefault", value);
            return this;
        }

        /** A synced user in the cloud with its AD user under {@code ou}; returns its cloud id. */
        String syncedUser(String name, DN ou) {
            int rid = nextRid++;
            String sid = DOMAIN_SID + "-" + rid;
            String id = id("user-" + name);
            DN userDn = new DN(new RDN("CN", name), ou);
            users.addObject().put("id", id).put("displayName", name).put("userPrincipalName", sam(name) + "@contoso.test")
                    .put("onPremisesSyncEnabled", true).put("onPremisesSecurityIdentifier", sid)
                    .put("onPremisesDistinguishedName", userDn.toString());
            entries.add(new Entry(userDn, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("cn", name), new Attribute("displayName", name),
                    new Attribute("sAMAccountName", sam(name)), new Attribute("userAccountControl", "512"),
                    new Attribute("objectSid", new Sid(sid).toBytes())));
            return id;
        }

        String syncedUser(String name) {
            return syncedUser(name, USERS);
        }

        /** A cloud-only user (no SID); returns its id. */
        String cloudUser(String name) {
            String id = id("user-" + name);
            users.addObject().put("id", id).put("displayName", name).put("userPrincipalName", sam(name) + "@contoso.test")
                    .putNull("onPremisesSyncEnabled");
            return id;
        }

        /** A Microsoft 365 group with writeback state {@code enabled}/{@code type} (null = not set). */
        ObjectNode unified(String name, Boolean enabled, String type, String... members) {
            ObjectNode g = group(name, members);
            String nick = mailNick(name);
            g.put("mailNickname", nick).put("mail", nick + "@contoso.onmicrosoft.com").put("securityEnabled", false)
                    .put("mailEnabled", true);
            g.putArray("groupTypes").add("Unified");
            g.putArray("proxyAddresses").add("SMTP:" + nick + "@contoso.onmicrosoft.com");
            writeback(g, enabled, type);
            return g;
        }

        /** A cloud security group. */
        ObjectNode security(String name, Boolean enabled, String... members) {
            ObjectNode g = group(name, members);
            g.put("mailNickname", mailNick(name)).putNull("mail").put("securityEnabled", true).put("mailEnabled", false);
            g.putArray("groupTypes");
            writeback(g, enabled, null);
            return g;
        }

        private ObjectNode group(String name, String... members) {
            ObjectNode g = groups.addObject();
            g.put("id", id("group-" + name + "-" + groups.size())).put("displayName", name)
                    .put("description", "about " + name);
            g.putNull("onPremisesSyncEnabled");
            ArrayNode m = g.putArray("members");
            Arrays.stream(members).forEach(m::add);
            return g;
        }

        private static void writeback(ObjectNode g, Boolean enabled, String type) {
            ObjectNode w = g.putObject("writebackConfiguration");
            if (enabled == null) {
                w.putNull("isEnabled");
            } else {
                w.put("isEnabled", enabled);
            }
            w.put("onPremisesGroupType", type);
        }

        /** An on-premises entry added to the LDIF as is. */
        Fixture entry(Entry e) {
            entries.add(e);
            return this;
        }

        /** A pre-existing, unmanaged AD group in {@code ou}. */
        Fixture adGroup(DN dn, String sam, String... extra) {
            Entry e = new Entry(dn, new Attribute("objectClass", "top", "group"),
                    new Attribute("cn", dn.getRDN().getAttributeValues()[0]), new Attribute("sAMAccountName", sam),
                    new Attribute("groupType", "-2147483646"),
                    new Attribute("objectSid", new Sid(DOMAIN_SID + "-" + nextRid++).toBytes()));
            for (int i = 0; i + 1 < extra.length; i += 2) {
                e.addAttribute(extra[i], extra[i + 1]);
            }
            entries.add(e);
            return this;
        }

        private static String sam(String name) {
            String s = name.toLowerCase().replaceAll("[^a-z0-9]", "");
            return s.length() > 16 ? s.substring(0, 16) : s;
        }

        private static String mailNick(String name) {
            String s = name.toLowerCase().replaceAll("[^a-z0-9]", "");
            return s.isEmpty() ? "g" + Math.abs(name.hashCode()) : s.length() > 40 ? s.substring(0, 40) : s;
        }

        private static Sid domainSid() {
            return new Sid(DOMAIN_SID);
        }
    }

    /** The outcome of one CLI invocation. */
    record Cli(int exit, String out, String err) {
        JsonNode json() {
            String line = out.lines().filter(l -> l.startsWith("{") || l.startsWith("[")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no JSON on stdout: " + out + "\nstderr: " + err));
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final DemoEnvironment env;
    final Path data;
    final Path tmp;
    final ObjectNode configuration;

    private World(DemoEnvironment env, Path tmp) throws IOException {
        this.env = env;
        this.tmp = tmp;
        this.data = tmp.resolve("data");
        this.configuration = (ObjectNode) JSON.readTree(env.configurationFile().toFile());
    }

    /** Writes the fixture files, starts the demo environment from them and applies its configuration. */
    static World start(Path tmp, Fixture f) throws IOException {
        Path tenantFile = tmp.resolve("tenant.json");
        Path ldifFile = tmp.resolve("directory.ldif");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tenantFile.toFile(), f.tenant);
        StringBuilder ldif = new StringBuilder("version: 1\n\n");
        for (Entry e : f.entries) {
            ldif.append(e.toLDIFString()).append("\n");
        }
        Files.writeString(ldifFile, ldif, StandardCharsets.UTF_8);
        DemoEnvironment env = DemoEnvironment.start(tenantFile, ldifFile, 0, 0, tmp.resolve("state"));
        World w = new World(env, tmp);
        Cli c = w.configure(cfg -> { });
        assertThat(c.exit()).as("configure: %s", c.err()).isZero();
        return w;
    }

    static Cli gwb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** Edits the demo configuration and applies it with {@code gwb configure --from}. */
    Cli configure(Consumer<ObjectNode> edit) throws IOException {
        edit.accept(configuration);
        Path file = tmp.resolve("configuration-" + UUID.randomUUID() + ".json");
        JSON.writeValue(file.toFile(), configuration);
        return gwb("configure", "--data", data.toString(), "--from", file.toString());
    }

    ObjectNode groupWriteback() {
        return (ObjectNode) configuration.get("groupWriteback");
    }

    /** {@code gwb sync --json} with extra arguments. */
    Cli sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "--data", data.toString(), "--json"));
        args.addAll(List.of(extra));
        return gwb(args.toArray(String[]::new));
    }

    /** A sync that must succeed (exit 0, status SUCCESS); returns its run record. */
    JsonNode syncOk(String... extra) {
        Cli c = sync(extra);
        assertThat(c.exit()).as("sync exit; out=%s err=%s", c.out(), c.err()).isZero();
        JsonNode r = c.json();
        assertThat(r.path("status").asText()).isEqualTo("SUCCESS");
        return r;
    }

    JsonNode initial() {
        return syncOk("--policy", "initial");
    }

    static int count(JsonNode run, String kind) {
        return run.path("counts").path(kind).asInt(-1);
    }

    // ---------------------------------------------------------------- directory

    LDAPConnection ldap() {
        try {
            return env.directory().connection();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry at exactly this DN (base search), or null. */
    SearchResultEntry entry(DN dn) {
        try (LDAPConnection c = ldap()) {
            return c.getEntry(dn.toString(), "*", "objectGUID", "objectSid", "uSNChanged");
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All groups under the target OU. */
    List<SearchResultEntry> groupsIn(DN ou) {
        try (LDAPConnection c = ldap()) {
            return c.search(ou.toString(), SearchScope.ONE, Filter.createEqualityFilter("objectClass", "group"),
                    "*", "objectGUID", "objectSid").getSearchEntries();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The group whose adminDescription is Group_<id>, anywhere in the domain, or null. */
    SearchResultEntry managed(String cloudId) {
        try (LDAPConnection c = ldap()) {
            List<SearchResultEntry> found = c.search(BASE.toString(), SearchScope.SUB,
                    Filter.createEqualityFilter("adminDescription", "Group_" + cloudId), "*", "objectGUID", "objectSid")
                    .getSearchEntries();
            assertThat(found.size()).as("groups for %s", cloudId).isLessThanOrEqualTo(1);
            return found.isEmpty() ? null : found.get(0);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<DN> members(SearchResultEntry e) {
        String[] v = e.getAttributeValues("member");
        return v == null ? Set.of() : Arrays.stream(v).map(World::dn).collect(Collectors.toCollection(HashSet::new));
    }

    static DN defaultDn(String cloudId) {
        return new DN(new RDN("CN", "Group_" + cloudId), CLOUD_GROUPS);
    }

    static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static String id(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static DN userDn(String name) {
        return new DN(new RDN("CN", name), USERS);
    }

    @Override
    public void close() {
        env.close();
    }
}
