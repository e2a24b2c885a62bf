package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path root;

    private static SyncConfiguration withFiles(String password, String ca, String secret) {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.example/t", null, "client",
                        new SyncConfiguration.Credential(secret, null, null), ca),
                new SyncConfiguration.Directory("ldaps://dc", "CN=svc,DC=x", password, ca, "DC=x"),
                new SyncConfiguration.OuFilter(List.of(), List.of()), null, null, null);
    }

    /**
     * An administrator (root) writing the data directory of an installed service: what the service reads
     * belongs to the service account that owns the directory, secrets stay owner-only.
     */
    @Test
    void rootWritesFilesOwnedByTheOwnerOfTheDataDirectory() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to chown");
        Assumptions.assumeTrue(Files.getFileStore(root).supportsFileAttributeView("posix"));
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = users.lookupPrincipalByName("nobody");
        Files.setOwner(root, nobody);
        DataDirectory d = DataDirectory.at(root);

        Path secret = d.writeSecret("ad-password", "s3cret".toCharArray());
        d.save(withFiles("ad-password", null, null));

        assertThat(Files.getOwner(secret)).isEqualTo(nobody);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.getOwner(d.configurationFile())).isEqualTo(nobody);
        assertThat(Files.readString(secret)).isEqualTo("s3cret");
    }

    @Test
    void aFileWrittenIntoADirectoryOfTheWritingUserKeepsThatOwner() throws Exception {
        Path secret = DataDirectory.at(root).writeSecret("ad-password", "x".toCharArray());
        assertThat(Files.getOwner(secret)).isEqualTo(Files.getOwner(root));
    }

    @Test
    void resolvesRelativeFileNamesAgainstTheDirectoryAndKeepsAbsoluteOnes() {
        DataDirectory d = DataDirectory.at(root);
        Path elsewhere = root.getRoot().resolve("etc").resolve("ca.pem");
        SyncConfiguration r = d.resolved(withFiles("ad-password", elsewhere.toString(), "sub/client-secret"));
        assertThat(r.directory().passwordFile()).isEqualTo(root.resolve("ad-password").toString());
        assertThat(r.directory().caCertificate()).isEqualTo(elsewhere.toString());
        assertThat(r.cloud().credential().secretFile()).isEqualTo(root.resolve("sub/client-secret").toString());
        assertThat(r.cloud().caCertificate()).isEqualTo(elsewhere.toString());
        assertThat(d.resolve(null)).isNull();
        assertThat(d.resolve(" ")).isNull();
    }

    @Test
    void aRelativeDataDirectoryIsMadeAbsolute() {
        assertThat(DataDirectory.at(Path.of("data")).root()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void savesAndReadsTheConfigurationAtomically() throws Exception {
        DataDirectory d = DataDirectory.at(root.resolve("new"));
        assertThat(d.read()).isEmpty();
        assertThat(d.hasConfiguration()).isFalse();
        SyncConfiguration c = ConfigurationJson.withDefaults(withFiles("pw", null, null));
        d.save(c);
        assertThat(d.configurationFile()).isEqualTo(root.resolve("new").resolve("configuration.json"));
        assertThat(d.read()).contains(c);
        try (var files = Files.list(d.root())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("configuration.json");
        }
    }

    @Test
    void loadRefusesAMissingConfigurationSayingHowToCreateOne() {
        DataDirectory d = DataDirectory.at(root);
        assertThatThrownBy(d::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(root.toString()).hasMessageContaining("gwb configure --data");
    }

    @Test
    void loadReportsAnUnreadableFileAsAConfigurationProblem() throws Exception {
        Files.writeString(root.resolve(DataDirectory.CONFIGURATION_FILE), "{ not json");
        assertThatThrownBy(() -> DataDirectory.at(root).load()).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void writesSecretsOwnerOnlyAndReadsThemBack() throws Exception {
        DataDirectory d = DataDirectory.at(root);
        Path file = d.writeSecret("ad-password", "s3cret".toCharArray());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Secret s = d.secret("ad-password", "directory.passwordFile")) {
            assertThat(s.reveal()).isEqualTo("s3cret");
        }
        d.writeSecret("ad-password", "changed".toCharArray());
        try (Secret s = d.secret("ad-password", "directory.passwordFile")) {
            assertThat(s.reveal()).isEqualTo("changed");
        }
    }

    @Test
    void fileNamesOfTheEngine() {
        DataDirectory d = DataDirectory.at(root);
        assertThat(d.recentRunsFile()).isEqualTo(root.resolve("recent-runs.json"));
        assertThat(d.lockFile()).isEqualTo(root.resolve("engine.lock"));
        assertThat(d.stateStore()).isEqualTo(root.resolve("state"));
    }

    @Test
    void theDefaultLocationIsGwbDataThenTheSystemDirectoryWhenInstalledThenHome() {
        Path home = Path.of("/home/admin");
        assertThat(DataDirectory.defaultLocation(Map.of("GWB_DATA", "/srv/gwb"), true, home.toString(), p -> true))
                .isEqualTo(Path.of("/srv/gwb"));
        assertThat(DataDirectory.defaultLocation(Map.of(), true, home.toString(), p -> true))
                .isEqualTo(DataDirectory.SYSTEM_LOCATION);
        assertThat(DataDirectory.defaultLocation(Map.of(), true, home.toString(), p -> false))
                .isEqualTo(home.resolve(".group-writeback"));
        assertThat(DataDirectory.defaultLocation(Map.of("GWB_DATA", " "), false, home.toString(), p -> true))
                .isEqualTo(home.resolve(".group-writeback"));
    }
}
