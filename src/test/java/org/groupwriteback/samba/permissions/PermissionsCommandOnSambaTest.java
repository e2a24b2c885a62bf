package org.groupwriteback.samba.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groupwriteback.cli.Main;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code gwb permissions} end to end over LDAPS against Samba: verify fails, grant fixes it, verify passes. */
@SambaTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PermissionsCommandOnSambaTest {
    @TempDir
    static Path data;
    static Path adminPassword;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void writeConfiguration(SambaDc dc) throws Exception {
        String passwordFile = secretFile(data.resolve("svc.pw"), SambaDc.SERVICE_PASSWORD + "\n").toString();
        adminPassword = secretFile(data.resolve("admin.pw"), SambaDc.ADMIN_PASSWORD);
        SyncConfiguration config = new SyncConfiguration(null,
                new SyncConfiguration.Directory(dc.ldapsUrl(), SambaDc.SERVICE_DN.toString(), passwordFile,
                        dc.caCertificate().toString(), SambaDc.BASE_DN.toString()),
                new SyncConfiguration.OuFilter(java.util.List.of(SambaDc.BASE_DN.toString()), null),
                new SyncConfiguration.GroupWriteback(true, SambaDc.GROUPS_OU.toString(), false, null, null),
                null, null);
        new ObjectMapper().writeValue(data.resolve("configuration.json").toFile(), config);
    }

    private int gwb(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "permissions";
        System.arraycopy(args, 0, command, 1, args.length);
        // The whole command line, as gwb runs it: exit codes come from its one error handler.
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(command);
    }

    @Test
    @Order(1)
    void verifyBeforeGrantExitsOneAndListsWhatIsMissing() {
        assertThat(gwb("verify", "--data", data.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("may not create groups in " + SambaDc.GROUPS_OU)
                .contains("gwb permissions grant");
    }

    @Test
    @Order(2)
    void grantWithoutAdminCredentialsIsAUsageError() {
        assertThat(gwb("grant", "--data", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--admin-bind-dn");
    }

    @Test
    @Order(3)
    void grantWithAWrongAdminPasswordSaysSoWithoutTheSecret() throws Exception {
        Path wrong = secretFile(data.resolve("wrong.pw"), "not-the-password");
        assertThat(gwb("grant", "--data", data.toString(), "--admin-bind-dn", SambaDc.ADMIN_DN.toString(),
                "--admin-password-file", wrong.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("wrong account or password for CN=Administrator")
                .doesNotContain("not-the-password");
    }

    @Test
    @Order(4)
    void grantThenVerifySucceeds() {
        assertThat(gwb("grant", "--data", data.toString(), "--admin-bind-dn", SambaDc.ADMIN_DN.toString(),
                "--admin-password-file", adminPassword.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("granted: 2 ACE(s) added on " + SambaDc.GROUPS_OU);
        assertThat(gwb("verify", "--data", data.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("ok: " + SambaDc.SERVICE_DN);
    }

    @Test
    @Order(5)
    void secondGrantChangesNothing() {
        assertThat(gwb("grant", "--data", data.toString(), "--admin-bind-dn", SambaDc.ADMIN_DN.toString(),
                "--admin-password-file", adminPassword.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("already granted: nothing changed");
    }

    @Test
    @Order(6)
    void scriptResolvesTheConfiguredAccountToItsDownLevelName() {
        assertThat(gwb("script", "--data", data.toString(), "--ou", SambaDc.OTHER_OU.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("dsacls \"" + SambaDc.OTHER_OU + "\" /I:T /G \"CORP\\svc-sync:CCDC;group\"");
    }

    @Test
    @Order(7)
    void scriptWorksWithoutAnyConfiguration(@TempDir Path empty) {
        assertThat(gwb("script", "--data", empty.toString(), "--ou", SambaDc.GROUPS_OU.toString(), "--account",
                "CORP\\svc-sync")).isEqualTo(0);
        assertThat(out.toString()).contains("/I:S /G \"CORP\\svc-sync:GRGWSDDT;;group\"");
    }

    @Test
    @Order(8)
    void untrustedCaIsReportedAsAConnectionProblem(SambaDc dc) throws Exception {
        Path other = Files.createDirectory(data.resolve("other"));
        String passwordFile = secretFile(other.resolve("svc.pw"), SambaDc.SERVICE_PASSWORD).toString();
        SyncConfiguration config = new SyncConfiguration(null,
                new SyncConfiguration.Directory(dc.ldapsUrl(), SambaDc.SERVICE_DN.toString(), passwordFile,
                        dc.unrelatedCaCertificate().toString(), SambaDc.BASE_DN.toString()),
                null, new SyncConfiguration.GroupWriteback(true, SambaDc.GROUPS_OU.toString(), false, null, null),
                null, null);
        new ObjectMapper().writeValue(other.resolve("configuration.json").toFile(), config);
        assertThat(gwb("verify", "--data", other.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is not trusted by " + dc.unrelatedCaCertificate())
                .contains("directory.caCertificate");
    }

    /** A secret file as the product wants it: readable by its owner only. */
    private static Path secretFile(Path file, String secret) throws java.io.IOException {
        org.groupwriteback.engine.config.DataDirectory.writeSecretFile(file, secret.toCharArray());
        return file;
    }
}
