package org.groupwriteback.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.demo.tenant.GeneratedUsers.GeneratedUser;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * The demo world in one process: the tenant emulator (local HTTPS Graph + token endpoints) and the AD-like
 * in-memory directory, loaded from matching fixtures, plus a ready configuration file and secret files that
 * point the real engine at them. What {@code gwb demo} and {@code gwb demo-env} start.
 */
public final class DemoEnvironment implements AutoCloseable {
    private final TenantEmulator tenant;
    private final DemoDirectory directory;
    private final Path stateDir;
    private final Path configurationFile;
    private final SyncConfiguration configuration;

    private DemoEnvironment(TenantEmulator tenant, DemoDirectory directory, Path stateDir, Path configurationFile,
            SyncConfiguration configuration) {
        this.tenant = tenant;
        this.directory = directory;
        this.stateDir = stateDir;
        this.configurationFile = configurationFile;
        this.configuration = configuration;
    }

    /**
     * Starts both servers. {@code tenantFile}/{@code ldifFile} null = the bundled Fabrikam demo; ports 0 = any
     * free port. Writes the CA certificate, the secret files and {@code configuration.json} into {@code stateDir}.
     */
    public static DemoEnvironment start(Path tenantFile, Path ldifFile, int graphPort, int ldapPort, Path stateDir)
            throws IOException {
        return start(tenantFile, ldifFile, graphPort, ldapPort, stateDir, false);
    }

    /**
     * {@link #start(Path, Path, int, int, Path)} with the directory's Exchange schema extension loaded when
     * {@code exchangeSchema} (the msExch* recipient attributes of a domain prepared for Exchange).
     */
    public static DemoEnvironment start(Path tenantFile, Path ldifFile, int graphPort, int ldapPort, Path stateDir,
            boolean exchangeSchema) throws IOException {
        Files.createDirectories(stateDir);
        TenantFixture fixture = loadFixture(tenantFile);
        TenantEmulator tenant = TenantEmulator.builder(fixture).port(graphPort).directory(stateDir).start();
        DemoDirectory directory = null;
        try {
            directory = ldifFile == null ? DemoDirectory.startDefault(ldapPort, exchangeSchema)
                    : DemoDirectory.start(ldifFile, ldapPort, exchangeSchema);
            addGeneratedUsers(directory, fixture);
            SyncConfiguration config = configurationFor(tenant, directory, stateDir);
            Path configFile = stateDir.resolve("configuration.json");
            writeJson(configFile, config);
            return new DemoEnvironment(tenant, directory, stateDir, configFile, config);
        } catch (LDAPException e) {
            tenant.close();
            if (directory != null) {
                directory.close();
            }
            throw new IOException("the demo directory could not start: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            tenant.close();
            if (directory != null) {
                directory.close();
            }
            throw e;
        }
    }

    private static TenantFixture loadFixture(Path tenantFile) {
        return tenantFile != null ? TenantFixture.load(tenantFile) : TenantFixture.demo();
    }

    /**
     * Synthesised members ({@code membersGenerated}) exist in AD too, as synced users with the same SIDs, added
     * in one bulk load (one LDAP add each took minutes for tens of thousands).
     */
    private static void addGeneratedUsers(DemoDirectory directory, TenantFixture fixture) throws LDAPException {
        List<GeneratedUser> users = fixture.generatedUsers();
        if (users.isEmpty()) {
            return;
        }
        DN ou = new DN(new RDN("OU", "Generated Users"), directory.baseDn());
        try (LDAPConnection c = directory.connection()) {
            if (c.getEntry(ou.toString()) == null) {
                c.add(new Entry(ou.toString(), new Attribute("objectClass", "top", "organizationalUnit"),
                        new Attribute("ou", "Generated Users")));
            }
        }
        List<DemoDirectory.User> bulk = new ArrayList<>(users.size());
        for (GeneratedUser u : users) {
            bulk.add(new DemoDirectory.User(new DN(new RDN("CN", u.samAccountName()), ou), new Sid(u.sid()),
                    u.samAccountName()));
        }
        directory.addUsers(bulk);
    }

    /**
     * A configuration for these endpoints: the whole domain in scope except OUs named "Excluded", groups
     * written to the first OU named "Cloud Groups" (created under the domain root when there is none).
     */
    private static SyncConfiguration configurationFor(TenantEmulator tenant, DemoDirectory directory, Path stateDir)
            throws IOException, LDAPException {
        Path secret = writeSecret(stateDir.resolve("client-secret"), tenant.clientSecret());
        Path password = writeSecret(stateDir.resolve("ad-password"), directory.bindPassword());
        DN base = directory.baseDn();
        List<String> excluded = new ArrayList<>();
        DN targetOu;
        try (LDAPConnection c = directory.connection()) {
            for (SearchResultEntry e : c.search(base.toString(), SearchScope.SUB,
                    Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "organizationalUnit"),
                            Filter.createEqualityFilter("ou", "Excluded")), "1.1").getSearchEntries()) {
                excluded.add(e.getDN());
            }
            List<SearchResultEntry> cloudGroups = c.search(base.toString(), SearchScope.SUB,
                    Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "organizationalUnit"),
                            Filter.createEqualityFilter("ou", "Cloud Groups")), "1.1").getSearchEntries();
            if (cloudGroups.isEmpty()) {
                targetOu = new DN(new RDN("OU", "Cloud Groups"), base);
                c.add(new Entry(targetOu.toString(), new Attribute("objectClass", "top", "organizationalUnit"),
                        new Attribute("ou", "Cloud Groups")));
            } else {
                targetOu = cloudGroups.get(0).getParsedDN();
            }
        }
        return new SyncConfiguration(
                new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(), tenant.clientId(),
                        new SyncConfiguration.Credential(secret.toString(), null, null),
                        tenant.caCertificate().toString()),
                new SyncConfiguration.Directory(directory.ldapUrl(), directory.bindDn().toString(),
                        password.toString(), null, base.toString()),
                new SyncConfiguration.OuFilter(List.of(base.toString()), excluded),
                new SyncConfiguration.GroupWriteback(true, targetOu.toString(), false,
                        SyncConfiguration.DEFAULT_MEMBER_LIMIT, false),
                SyncConfiguration.DEFAULT_DELETION_THRESHOLD,
                new SyncConfiguration.Scheduler(true, 30));
    }

    private static Path writeSecret(Path file, String value) throws IOException {
        DataDirectory.writeSecretFile(file, value.toCharArray());
        return file;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
    }

    /** The endpoint line of {@code gwb demo-env} (cli.md), as ordered key/value pairs. */
    public Map<String, Object> endpoints() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("graphBaseUrl", tenant.graphBaseUrl());
        m.put("authority", tenant.authority());
        m.put("tenantId", tenant.tenantId());
        m.put("clientId", tenant.clientId());
        m.put("clientSecret", tenant.clientSecret());
        m.put("caCertificate", tenant.caCertificate().toString());
        m.put("ldapUrl", directory.ldapUrl());
        m.put("bindDn", directory.bindDn().toString());
        m.put("bindPassword", directory.bindPassword());
        m.put("baseDn", directory.baseDn().toString());
        m.put("configuration", configurationFile.toString());
        return m;
    }

    /** The endpoint line as one line of JSON. */
    public String endpointLine() {
        try {
            return new ObjectMapper().writeValueAsString(endpoints());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TenantEmulator tenant() {
        return tenant;
    }

    public DemoDirectory directory() {
        return directory;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path configurationFile() {
        return configurationFile;
    }

    public SyncConfiguration configuration() {
        return configuration;
    }

    @Override
    public void close() {
        try {
            tenant.close();
        } finally {
            directory.close();
        }
    }
}
