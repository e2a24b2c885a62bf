package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.groupwriteback.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outside check exactly as an admin script does it: {@code gwb demo-env} in its own JVM prints one endpoint
 * line, {@code gwb configure}/{@code gwb sync} use the configuration it wrote, the directory is read over LDAP
 * with the printed bind credentials, and SIGTERM stops it with exit code 0.
 */
class DemoEnvProcessAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void demoEnvPrintsOneEndpointLineThatConfigureAndSyncCanUseAndStopsCleanly() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String team = f.unified("Outside, \"Quoted\" Team", null, null, adele).get("id").asText();
        Path tenantFile = tmp.resolve("tenant.json");
        Path ldifFile = tmp.resolve("directory.ldif");
        World.JSON.writeValue(tenantFile.toFile(), f.tenant);
        StringBuilder ldif = new StringBuilder("version: 1\n\n");
        f.entries.forEach(e -> ldif.append(e.toLDIFString()).append("\n"));
        Files.writeString(ldifFile, ldif);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "demo-env", "--tenant", tenantFile.toString(), "--directory",
                ldifFile.toString(), "--state", tmp.resolve("state").toString())
                .redirectError(tmp.resolve("demo-env.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("endpoint line; stderr: %s", Files.readString(tmp.resolve("demo-env.err"))).isNotNull();
            JsonNode endpoints = World.JSON.readTree(line);
            assertThat(endpoints.properties()).extracting(e -> e.getKey()).containsExactly("graphBaseUrl", "authority",
                    "tenantId", "clientId", "clientSecret", "caCertificate", "ldapUrl", "bindDn", "bindPassword",
                    "baseDn", "configuration");
            assertThat(endpoints.path("baseDn").asText()).isEqualTo(World.BASE.toString());
            assertThat(endpoints.path("graphBaseUrl").asText()).startsWith("https://127.0.0.1:").endsWith("/v1.0");

            Path data = tmp.resolve("data");
            World.Cli configure = World.gwb("configure", "--data", data.toString(), "--from",
                    endpoints.path("configuration").asText());
            assertThat(configure.exit()).as(configure.err()).isZero();
            World.Cli sync = World.gwb("sync", "--data", data.toString(), "--policy", "initial", "--json");
            assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
            assertThat(sync.json().path("counts").path("creates").asInt()).isEqualTo(1);

            LDAPURL url = new LDAPURL(endpoints.path("ldapUrl").asText());
            try (LDAPConnection c = new LDAPConnection(url.getHost(), url.getPort(),
                    endpoints.path("bindDn").asText(), endpoints.path("bindPassword").asText())) {
                SearchResultEntry e = c.getEntry(World.defaultDn(team).toString());
                assertThat(e.getAttributeValue("displayName")).isEqualTo("Outside, \"Quoted\" Team");
                assertThat(World.members(e)).containsExactly(World.userDn("Adele Vance"));
            }
            World.Cli runs = World.gwb("runs", "--data", data.toString(), "--json");
            assertThat(runs.json()).hasSize(1);
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as("exit code after SIGTERM (cli.md: exit 0)").isZero();
        assertThat(List.of(Files.readString(tmp.resolve("demo-env.err")).split("\n")))
                .noneMatch(l -> l.contains("Exception"));
    }
}
