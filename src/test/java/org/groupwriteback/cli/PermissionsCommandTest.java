package org.groupwriteback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gwb permissions} on the demo directory: file names in the configuration are the data directory's. */
class PermissionsCommandTest {
    private static final String TARGET = "OU=Cloud Groups,OU=Corp,DC=fabrikam,DC=local";

    @TempDir
    Path data;
    private DemoDirectory directory;

    @BeforeEach
    void start() throws Exception {
        directory = DemoDirectory.startDefault(0);
    }

    @AfterEach
    void stop() {
        directory.close();
    }

    @Test
    void verifyReadsARelativePasswordFileFromTheDataDirectoryNotTheWorkingDirectory() throws Exception {
        DataDirectory dir = DataDirectory.at(data);
        dir.writeSecret("ad-password", directory.bindPassword().toCharArray());
        // the working directory of this JVM (the project) has no such file: only the data directory does
        assertThat(Path.of("ad-password").toAbsolutePath()).doesNotExist();
        dir.save(new SyncConfiguration(null, new SyncConfiguration.Directory(directory.ldapUrl(),
                directory.bindDn().toString(), "ad-password", null, directory.baseDn().toString()), null,
                new SyncConfiguration.GroupWriteback(true, TARGET, false, null, null), null, null));

        Result r = gwb("permissions", "verify", "--data", data.toString());

        assertThat(r.err).isEmpty();
        assertThat(r.out).contains("ok: " + directory.bindDn() + " has every right");
        assertThat(r.exit).isZero();
    }

    @Test
    void verifyRefusesAPasswordFileOthersMayRead() throws Exception {
        DataDirectory dir = DataDirectory.at(data);
        Path secret = dir.writeSecret("ad-password", directory.bindPassword().toCharArray());
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        dir.save(new SyncConfiguration(null, new SyncConfiguration.Directory(directory.ldapUrl(),
                directory.bindDn().toString(), "ad-password", null, null), null,
                new SyncConfiguration.GroupWriteback(true, TARGET, false, null, null), null, null));

        Result r = gwb("permissions", "verify", "--data", data.toString());

        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("directory.passwordFile", secret.toString(), "chmod 600");
        assertThat(r.err).doesNotContain(directory.bindPassword());
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result gwb(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
