package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration input an admin did not mean or an attacker crafted: a huge or deeply nested file is refused with
 * a plain error (no memory or stack exhaustion), and a relative secret or certificate name must stay inside the
 * data directory ({@code ..} or a symbolic link leading out is refused); an absolute name is the admin's
 * explicit choice and is kept.
 */
class HostileConfigurationTest {
    @TempDir
    Path root;

    private static SyncConfiguration withFiles(String password, String ca, String secret) {
        return ConfigurationJson.withDefaults(new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.example/t", "https://graph.example/v1.0",
                        "11111111-2222-3333-4444-555555555555",
                        new SyncConfiguration.Credential(secret, null, null), ca),
                new SyncConfiguration.Directory("ldaps://dc", "CN=svc,DC=x", password, ca, "DC=x"),
                new SyncConfiguration.OuFilter(List.of("DC=x"), List.of()), null, null, null));
    }

    @Test
    void aConfigurationFileOverOneMegabyteIsRefusedBeforeItIsRead() throws Exception {
        Path file = root.resolve("configuration.json");
        String json = ConfigurationJson.toJson(withFiles("pw", null, "secret"));
        Files.writeString(file, json.replace("\"cloud\"", " ".repeat(1_100_000) + "\"cloud\""),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DataDirectory.loadFrom(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bytes").hasMessageContaining("at most 1 MB");
        assertThatThrownBy(() -> DataDirectory.at(root).read()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at most 1 MB");
        assertThatThrownBy(() -> ConfigurationJson.parse("{\"x\":\"" + "a".repeat(1_100_000) + "\"}"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("at most 1 MB");
    }

    @Test
    void deeplyNestedJsonIsRefusedAtItsFirstWrongLevelNotByAStackOverflow() {
        // The strict mapping stops at the first value of the wrong shape; the parser's depth limit backs it up.
        for (String prefix : List.of("{\"ouFilter\":", "{\"unknownKey\":", "{\"groupWriteback\":", "")) {
            String deep = prefix + "[".repeat(100_000) + "]".repeat(100_000) + (prefix.isEmpty() ? "" : "}");
            assertThatThrownBy(() -> ConfigurationJson.parse(deep)).as(prefix).isInstanceOf(ConfigurationException.class)
                    .hasMessageMatching("(?s).*(wrong type|unknown key|nested deeper than).*");
        }
        String open = "{\"ouFilter\":{\"included\":" + "[".repeat(100_000);
        assertThatThrownBy(() -> ConfigurationJson.parse(open)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void relativeFileNamesThatLeaveTheDataDirectoryAreRefusedNamingTheField() throws Exception {
        DataDirectory d = DataDirectory.at(root.resolve("data"));
        Files.createDirectories(d.root());
        SyncConfiguration c = withFiles("../elsewhere/ad-password", "sub/../../ca.pem", "ok/client-secret");
        assertThatThrownBy(() -> d.requireInside(c)).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).errors()).extracting(Object::toString)
                        .anySatisfy(s -> assertThat(s).startsWith("directory.passwordFile")
                                .contains("'../elsewhere/ad-password' leaves the data directory " + d.root())
                                .contains("absolute path"))
                        .anySatisfy(s -> assertThat(s).startsWith("directory.caCertificate"))
                        .anySatisfy(s -> assertThat(s).startsWith("cloud.caCertificate"))
                        .noneSatisfy(s -> assertThat(s).startsWith("cloud.credential.secretFile")));
        assertThatThrownBy(() -> d.secret("../../etc/shadow", "directory.passwordFile"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("leaves the data directory");
    }

    @Test
    void aSymbolicLinkInsideTheDataDirectoryThatLeadsOutIsRefused() throws Exception {
        DataDirectory d = DataDirectory.at(root.resolve("data"));
        Files.createDirectories(d.root());
        Path outside = Files.writeString(root.resolve("outside-secret"), "s3cret");
        Files.createSymbolicLink(d.root().resolve("client-secret"), outside);
        Files.createDirectories(root.resolve("outdir"));
        Files.createSymbolicLink(d.root().resolve("linkdir"), root.resolve("outdir"));
        SyncConfiguration c = withFiles("linkdir/ad-password", null, "client-secret");
        assertThatThrownBy(() -> d.requireInside(c)).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).errors()).extracting(Object::toString)
                        .anySatisfy(s -> assertThat(s).startsWith("cloud.credential.secretFile")
                                .contains("symbolic link").contains(outside.toRealPath().toString()))
                        .anySatisfy(s -> assertThat(s).startsWith("directory.passwordFile")
                                .contains("symbolic link")));
        assertThatThrownBy(() -> d.secret("client-secret", "cloud.credential.secretFile"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("symbolic link");
    }

    @Test
    void absoluteNamesAnywhereAndRelativeNamesInsideAreAccepted() throws Exception {
        DataDirectory d = DataDirectory.at(root.resolve("data"));
        Files.createDirectories(d.root().resolve("sub"));
        Path outside = root.resolve("ad-password");
        DataDirectory.writeSecretFile(outside, "pw".toCharArray());
        DataDirectory.writeSecretFile(d.root().resolve("sub").resolve("client-secret"), "s".toCharArray());
        Files.createSymbolicLink(d.root().resolve("inner-link"), d.root().resolve("sub").resolve("client-secret"));
        SyncConfiguration c = withFiles(outside.toString(), "ca/../ca.pem", "inner-link");
        d.requireInside(c);
        assertThat(d.secret(outside.toString(), "directory.passwordFile").reveal()).isEqualTo("pw");
        assertThat(d.secret("inner-link", "cloud.credential.secretFile").reveal()).isEqualTo("s");
    }

    @Test
    void loadRefusesAConfigurationWhoseFilesLeaveTheDataDirectory() throws Exception {
        DataDirectory d = DataDirectory.at(root.resolve("data"));
        d.save(withFiles("../ad-password", null, "client-secret"));
        assertThatThrownBy(d::load).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("directory.passwordFile").hasMessageContaining("leaves the data directory");
    }
}
