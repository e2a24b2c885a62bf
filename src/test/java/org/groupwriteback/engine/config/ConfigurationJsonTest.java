package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationJsonTest {

    /** The example of cli.md, verbatim apart from the placeholders. */
    static final String CLI_MD_EXAMPLE = """
            {
              "cloud":     {"authority": "https://login.microsoftonline.com/contoso.onmicrosoft.com", "graphBaseUrl": "https://graph.microsoft.com/v1.0",
                            "clientId": "11111111-2222-3333-4444-555555555555", "credential": {"secretFile": "/etc/gwb/client-secret"} , "caCertificate": null},
              "directory": {"ldapUrl": "ldaps://dc1.fabrikam.local", "bindDn": "CN=svc-gwb,OU=Service,DC=fabrikam,DC=local", "passwordFile": "/etc/gwb/ad-password", "caCertificate": null,
                            "baseDn": "DC=fabrikam,DC=local"},
              "ouFilter":  {"included": ["DC=fabrikam,DC=local"], "excluded": ["OU=Excluded,DC=fabrikam,DC=local"]},
              "groupWriteback": {"enabled": true, "targetOu": "OU=Cloud Groups,DC=fabrikam,DC=local",
                                 "dnWithDisplayName": false, "memberLimit": 50000, "deleteWhenWritebackDisabled": false},
              "deletionThreshold": 500,
              "scheduler": {"enabled": true, "intervalMinutes": 30}
            }
            """;

    static String replace(String key, String value) {
        // swaps one "key": value pair of the example (keys are unique in it except caCertificate)
        if (key.equals("included")) {
            return CLI_MD_EXAMPLE.replace("\"included\": [\"DC=fabrikam,DC=local\"]", "\"included\": " + value);
        }
        return CLI_MD_EXAMPLE.replaceFirst("\"" + key + "\":\\s*[^,}\\]]+(\\][^,}]*)?", "\"" + key + "\": " + value);
    }

    @Test
    void readsTheCliMdExample() throws Exception {
        SyncConfiguration c = ConfigurationJson.parse(CLI_MD_EXAMPLE);
        assertThat(c.cloud().clientId()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(c.cloud().credential().secretFile()).isEqualTo("/etc/gwb/client-secret");
        assertThat(c.directory().baseDn()).isEqualTo("DC=fabrikam,DC=local");
        assertThat(c.ouFilter().excluded()).containsExactly("OU=Excluded,DC=fabrikam,DC=local");
        assertThat(c.groupWriteback().targetOu()).isEqualTo("OU=Cloud Groups,DC=fabrikam,DC=local");
        assertThat(c.groupWriteback().memberLimit()).isEqualTo(50_000);
        assertThat(c.scheduler().intervalMinutes()).isEqualTo(30);
        assertThat(ConfigurationValidator.validate(c)).isEmpty();
    }

    @Test
    void absentOptionalValuesGetTheirDefaults() throws Exception {
        String json = """
                {"cloud": {"authority": "https://login.microsoftonline.com/t", "graphBaseUrl": "https://graph.microsoft.com/v1.0",
                           "clientId": "11111111-2222-3333-4444-555555555555", "credential": {"secretFile": "/s"}},
                 "directory": {"ldapUrl": "ldaps://dc1", "bindDn": "svc@fabrikam.local", "passwordFile": "/p", "baseDn": "DC=f,DC=l"},
                 "ouFilter": {"included": ["DC=f,DC=l"]},
                 "groupWriteback": {"enabled": true, "targetOu": "OU=G,DC=f,DC=l"}}
                """;
        SyncConfiguration c = ConfigurationJson.parse(json);
        assertThat(c.deletionThreshold()).isEqualTo(500);
        assertThat(c.groupWriteback().memberLimit()).isEqualTo(50_000);
        assertThat(c.groupWriteback().dnWithDisplayName()).isFalse();
        assertThat(c.groupWriteback().deleteWhenWritebackDisabled()).isFalse();
        assertThat(c.scheduler().enabled()).isTrue();
        assertThat(c.scheduler().intervalMinutes()).isEqualTo(30);
        assertThat(c.ouFilter().excluded()).isEmpty();
        assertThat(c.cloud().caCertificate()).isNull();
        assertThat(ConfigurationValidator.validate(c)).isEmpty();
    }

    @Test
    void absentGroupWritebackSectionMeansWritebackOff() throws Exception {
        SyncConfiguration c = ConfigurationJson.parse("{\"deletionThreshold\": 7}");
        assertThat(c.groupWriteback().enabled()).isFalse();
        assertThat(c.deletionThreshold()).isEqualTo(7);
        assertThat(c.scheduler()).isEqualTo(new SyncConfiguration.Scheduler(true, 30));
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of(replace("memberLimit", "\"50000\""), "groupWriteback.memberLimit", "wrong type"),
                Arguments.of(replace("memberLimit", "5.5"), "groupWriteback.memberLimit", "wrong type"),
                Arguments.of(replace("memberLimit", "true"), "groupWriteback.memberLimit", "wrong type"),
                Arguments.of(replace("enabled", "\"yes\""), "groupWriteback.enabled", "wrong type"),
                Arguments.of(replace("enabled", "1"), "groupWriteback.enabled", "wrong type"),
                Arguments.of(replace("deletionThreshold", "\"500\""), "deletionThreshold", "wrong type"),
                Arguments.of(replace("intervalMinutes", "[30]"), "scheduler.intervalMinutes", "wrong type"),
                Arguments.of(replace("clientId", "42"), "cloud.clientId", "wrong type"),
                Arguments.of(replace("ldapUrl", "false"), "directory.ldapUrl", "wrong type"),
                Arguments.of(replace("included", "\"DC=fabrikam,DC=local\""), "ouFilter.included", "wrong type"),
                Arguments.of(replace("included", "[7]"), "ouFilter.included[0]", "wrong type"),
                Arguments.of(replace("credential", "\"/etc/secret\""), "cloud.credential", "wrong type"),
                Arguments.of(CLI_MD_EXAMPLE.replace("\"deletionThreshold\"", "\"deletionTreshold\""), "deletionTreshold",
                        "unknown key 'deletionTreshold'"),
                Arguments.of(CLI_MD_EXAMPLE.replace("\"secretFile\"", "\"clientSecret\""), "cloud.credential.clientSecret",
                        "unknown key 'clientSecret'"),
                Arguments.of(CLI_MD_EXAMPLE.replace("\"memberLimit\": 50000,", "\"memberLimit\": 50000, \"extra\": 1,"),
                        "groupWriteback.extra", "unknown key 'extra'"),
                Arguments.of(CLI_MD_EXAMPLE.replace("\"deletionThreshold\": 500,",
                        "\"deletionThreshold\": 500, \"deletionThreshold\": 9,"), "deletionThreshold", "Duplicate field"),
                Arguments.of(CLI_MD_EXAMPLE.replace("\"intervalMinutes\": 30", "\"intervalMinutes\": 30, \"enabled\": false"),
                        "scheduler.enabled", "Duplicate field"),
                Arguments.of("{\"cloud\": ", "cloud", "not valid JSON"),
                Arguments.of("[]", "$", "wrong type"),
                Arguments.of("", "$", "empty"),
                Arguments.of("null", "$", "null"),
                Arguments.of(CLI_MD_EXAMPLE + " {}", "$", ""),
                Arguments.of(replace("included", "[null]"), "ouFilter", "null"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badDocuments")
    void badDocumentsAreRefusedNamingThePath(String json, String path, String messagePart) {
        assertThatThrownBy(() -> ConfigurationJson.parse(json)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> {
                    assertThat(e.errors()).singleElement().satisfies(err -> {
                        assertThat(err.field()).isEqualTo(path);
                        assertThat(err.message()).contains(messagePart);
                    });
                    assertThat(e.getMessage()).contains(path);
                });
    }

    @Test
    void aByteOrderMarkIsIgnored() throws Exception {
        assertThat(ConfigurationJson.parse("\uFEFF" + CLI_MD_EXAMPLE)).isEqualTo(ConfigurationJson.parse(CLI_MD_EXAMPLE));
    }

    @Test
    void numbersOutOfRangeNameTheirField() {
        assertThatThrownBy(() -> ConfigurationJson.parse(replace("memberLimit", "99999999999")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> assertThat(err.field()).isEqualTo("groupWriteback.memberLimit")));
    }

    @Test
    void unknownKeyMessageListsTheKnownKeys() {
        assertThatThrownBy(() -> ConfigurationJson.parse("{\"schedular\": {}}"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.errors().get(0).message())
                        .contains("unknown key 'schedular'").contains("scheduler").contains("groupWriteback"));
    }

    @Test
    void writeThenReadGivesTheSameConfigurationAndPrettyJson(@TempDir Path dir) throws Exception {
        SyncConfiguration c = ConfigurationJson.parse(CLI_MD_EXAMPLE);
        Path file = dir.resolve("sub/configuration.json");
        ConfigurationJson.write(file, c);
        assertThat(ConfigurationJson.read(file)).isEqualTo(c);
        String text = Files.readString(file);
        assertThat(text).contains("\n  \"cloud\" : {").contains("\"caCertificate\" : null");
        assertThat(ConfigurationJson.readValid(file)).isEqualTo(c);
        // rewriting replaces the file and leaves no temporary file behind
        SyncConfiguration changed = new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(), c.groupWriteback(),
                42, c.scheduler());
        ConfigurationJson.write(file, changed);
        assertThat(ConfigurationJson.read(file).deletionThreshold()).isEqualTo(42);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("configuration.json");
        }
    }

    @Test
    void readValidRefusesAnInvalidFileWithAllReasons(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, replace("memberLimit", "0").replace("ldaps://dc1.fabrikam.local", "http://dc1"));
        assertThatThrownBy(() -> ConfigurationJson.readValid(file)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.errors()).extracting(ConfigurationException.FieldError::field)
                        .containsExactlyInAnyOrder("directory.ldapUrl", "groupWriteback.memberLimit"));
    }

    @Test
    void helperReplaceChangesExactlyOneValue() throws Exception {
        assertThat(ConfigurationJson.parse(replace("memberLimit", "7")).groupWriteback().memberLimit()).isEqualTo(7);
        assertThat(ConfigurationJson.parse(replace("included", "[\"DC=x\"]")).ouFilter().included())
                .isEqualTo(List.of("DC=x"));
    }
}
