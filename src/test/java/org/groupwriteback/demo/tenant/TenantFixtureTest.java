package org.groupwriteback.demo.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Fixture loading: good files load, each kind of bad input is rejected naming the entry and field. */
class TenantFixtureTest {
    static final String TENANT = "\"tenant\":{\"id\":\"4f1c1c6e-9a51-4f0e-8d53-2d1b7c3a9e01\",\"displayName\":\"T\","
            + "\"defaultDomain\":\"t.onmicrosoft.com\"}";
    static final String USER = "{\"id\":\"a0000000-0000-0000-0000-000000000001\",\"displayName\":\"U\","
            + "\"userPrincipalName\":\"u@t.com\",\"onPremisesSyncEnabled\":true,"
            + "\"onPremisesSecurityIdentifier\":\"S-1-5-21-11-22-33-1101\"}";

    static TenantFixture parse(String json) {
        return TenantFixture.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    static String group(String extra) {
        return "{\"id\":\"b0000000-0000-0000-0000-000000000001\",\"displayName\":\"G\",\"mailNickname\":\"g\"" + extra + "}";
    }

    @Test
    void generatedMembersAreDeterministicAndTakeTheDomainSidOfTheSyncedUsers() {
        String json = "{" + TENANT + ",\"users\":[" + USER + "],\"groups\":["
                + group(",\"membersGenerated\":{\"count\":3,\"prefix\":\"bulk\"}") + "]}";
        TenantFixture fixture = parse(json);
        List<GeneratedUsers.GeneratedUser> users = fixture.generatedUsers();
        assertThat(users).hasSize(3);
        assertThat(users.get(0).sid()).isEqualTo("S-1-5-21-11-22-33-" + GeneratedUsers.FIRST_RID);
        assertThat(users.get(2).samAccountName()).isEqualTo("bulk000003");
        assertThat(users.get(0).userPrincipalName()).isEqualTo("bulk000001@t.onmicrosoft.com");
        assertThat(parse(json).generatedUsers()).isEqualTo(users);
        assertThat(GeneratedUsers.generate("S-1-5-21-11-22-33", "bulk", 3, GeneratedUsers.FIRST_RID,
                "t.onmicrosoft.com")).isEqualTo(users);
    }

    @Test
    void withoutSyncedUsersTheDefaultDomainSidIsUsed() {
        TenantFixture fixture = parse("{" + TENANT + ",\"groups\":[" + group(
                ",\"membersGenerated\":{\"count\":1,\"prefix\":\"x\"}") + "]}");
        assertThat(fixture.domainSid()).isEqualTo(GeneratedUsers.DEFAULT_DOMAIN_SID);
        assertThat(fixture.generatedUsers().get(0).sid()).startsWith(GeneratedUsers.DEFAULT_DOMAIN_SID + "-");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown member id|,\"members\":[\"c0000000-0000-0000-0000-000000000009\"]|groups[0] (id b0000000-0000-0000-0000-000000000001): field 'members' names unknown id c0000000-0000-0000-0000-000000000009",
        "unknown key|,\"colour\":\"red\"|groups[0] (id b0000000-0000-0000-0000-000000000001): unknown field 'colour'",
        "bad group type|,\"writebackConfiguration\":{\"isEnabled\":true,\"onPremisesGroupType\":\"global\"}|field 'writebackConfiguration.onPremisesGroupType' must be one of",
        "bad boolean|,\"securityEnabled\":\"yes\"|groups[0] (id b0000000-0000-0000-0000-000000000001): field 'securityEnabled' must be true, false or null",
    })
    void badGroupEntriesAreRejectedNamingEntryAndField(String kind, String extra, String message) {
        String json = "{" + TENANT + ",\"users\":[" + USER + "],\"groups\":[" + group(extra) + "]}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FixtureException.class).hasMessageContaining(message);
    }

    @Test
    void devicesAndTheOnPremisesSidAndSyncBehaviourOfGroupsAreRead() {
        String json = "{" + TENANT + ",\"devices\":[{\"id\":\"d0000000-0000-0000-0000-000000000001\","
                + "\"displayName\":\"LT-1\",\"trustType\":\"ServerAd\",\"onPremisesSyncEnabled\":true,"
                + "\"onPremisesSecurityIdentifier\":\"S-1-5-21-11-22-33-1300\"}],\"groups\":[" + group(
                ",\"onPremisesSecurityIdentifier\":\"S-1-5-21-11-22-33-1142\","
                + "\"onPremisesSyncBehavior\":{\"isCloudManaged\":true},"
                + "\"members\":[\"d0000000-0000-0000-0000-000000000001\"]") + "]}";
        TenantFixture fixture = parse(json);
        assertThat(fixture.devices()).singleElement().satisfies(d -> {
            assertThat(d.onPremisesSecurityIdentifier()).isEqualTo("S-1-5-21-11-22-33-1300");
            assertThat(d.trustType()).isEqualTo("ServerAd");
        });
        assertThat(fixture.groups().get(0).onPremisesSecurityIdentifier()).isEqualTo("S-1-5-21-11-22-33-1142");
        assertThat(fixture.groups().get(0).cloudManaged()).isTrue();
        assertThat(fixture.groups().get(0).members()).containsExactly("d0000000-0000-0000-0000-000000000001");
        assertThatThrownBy(() -> parse(json.replace("S-1-5-21-11-22-33-1300", "S-1-x")))
                .isInstanceOf(FixtureException.class).hasMessageContaining("devices[0]")
                .hasMessageContaining("onPremisesSecurityIdentifier");
    }

    @Test
    void duplicateIdIsRejected() {
        String json = "{" + TENANT + ",\"users\":[" + USER + "," + USER + "]}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FixtureException.class)
                .hasMessageContaining("users[1] (id a0000000-0000-0000-0000-000000000001): field 'id' duplicates");
    }

    @Test
    void invalidGuidIsRejected() {
        String json = "{" + TENANT + ",\"users\":[" + USER.replace("a0000000-0000-0000-0000-000000000001", "not-a-guid")
                + "]}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FixtureException.class)
                .hasMessageContaining("users[0] (id not-a-guid): field 'id' is not a valid GUID");
    }

    @Test
    void invalidSidIsRejected() {
        String json = "{" + TENANT + ",\"users\":[" + USER.replace("S-1-5-21-11-22-33-1101", "S-1-x") + "]}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FixtureException.class)
                .hasMessageContaining("users[0] (id a0000000-0000-0000-0000-000000000001): field "
                        + "'onPremisesSecurityIdentifier' is not a valid SID");
    }

    @Test
    void missingRequiredFieldIsRejected() {
        String json = "{" + TENANT + ",\"users\":[" + USER.replace("\"userPrincipalName\":\"u@t.com\",", "") + "]}";
        assertThatThrownBy(() -> parse(json)).isInstanceOf(FixtureException.class)
                .hasMessageContaining("users[0] (id a0000000-0000-0000-0000-000000000001): required field "
                        + "'userPrincipalName' is missing");
        assertThatThrownBy(() -> parse("{\"users\":[]}")).isInstanceOf(FixtureException.class)
                .hasMessageContaining("required field 'tenant' is missing");
    }

    @Test
    void unknownTopLevelKeyIsRejected() {
        assertThatThrownBy(() -> parse("{" + TENANT + ",\"group\":[]}")).isInstanceOf(FixtureException.class)
                .hasMessageContaining("unknown field 'group'");
    }

    @Test
    void bundledDemoTenantLoads() {
        TenantFixture demo = TenantFixture.demo();
        assertThat(demo.tenant().displayName()).isEqualTo("Fabrikam");
        assertThat(demo.groups()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(demo.users()).hasSizeGreaterThanOrEqualTo(25);
        assertThat(demo.groups()).anyMatch(g -> g.groupTypes() != null && g.groupTypes().contains("Unified"));
        assertThat(demo.domainSid()).startsWith("S-1-5-21-");
    }
}
