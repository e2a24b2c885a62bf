package org.groupwriteback.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.engine.plan.Fixtures.dn;
import static org.groupwriteback.engine.plan.Fixtures.id;
import static org.groupwriteback.engine.plan.Fixtures.m365;
import static org.groupwriteback.engine.plan.Fixtures.security;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.plan.Fixtures;
import org.groupwriteback.engine.rules.Eligibility.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WritebackRulesTest {
    private static final String ID = "0123abcd-4567-4def-89ab-0123456789ab";
    private static final DN OU = dn(Fixtures.TARGET_OU);

    private static CloudGroup group(List<String> types, boolean security, boolean mail, Boolean synced,
            Boolean enabled, boolean softDeleted) {
        return new CloudGroup(ID, "G", null, "g", null, types, security, mail, synced, List.of(),
                new WritebackConfiguration(enabled, null), Set.of(), softDeleted);
    }

    static Stream<Arguments> eligibilityTable() {
        List<String> unified = List.of("Unified");
        List<String> dynamicUnified = List.of("Unified", "DynamicMembership");
        return Stream.of(
                // groupTypes, securityEnabled, mailEnabled, onPremSync, isEnabled, softDeleted, tenantDefault, expected
                Arguments.of(unified, false, true, null, true, false, true, Reason.UNIFIED_ENABLED),
                Arguments.of(unified, false, true, null, true, false, false, Reason.UNIFIED_ENABLED),
                Arguments.of(unified, false, true, null, null, false, true, Reason.UNIFIED_NOT_SET),
                Arguments.of(unified, false, true, null, null, false, false, Reason.UNIFIED_NOT_SET),
                Arguments.of(unified, false, true, null, false, false, true, Reason.WRITEBACK_DISABLED),
                Arguments.of(unified, true, true, null, null, false, true, Reason.UNIFIED_NOT_SET),
                Arguments.of(dynamicUnified, false, true, null, true, false, true, Reason.UNIFIED_ENABLED),
                Arguments.of(List.of(), true, false, null, true, false, true, Reason.SECURITY_ENABLED),
                Arguments.of(List.of("DynamicMembership"), true, false, false, true, false, true,
                        Reason.SECURITY_ENABLED),
                Arguments.of(List.of(), true, false, null, null, false, true, Reason.WRITEBACK_DISABLED),
                Arguments.of(List.of(), true, false, null, false, false, true, Reason.WRITEBACK_DISABLED),
                Arguments.of(List.of(), true, false, true, true, false, true, Reason.SYNCED_FROM_ON_PREMISES),
                Arguments.of(unified, false, true, true, true, false, true, Reason.SYNCED_FROM_ON_PREMISES),
                Arguments.of(List.of(), true, true, null, true, false, true, Reason.MAIL_ENABLED_NOT_UNIFIED),
                Arguments.of(List.of(), false, true, null, true, false, true, Reason.MAIL_ENABLED_NOT_UNIFIED),
                Arguments.of(List.of(), false, false, null, true, false, true, Reason.UNSUPPORTED_KIND),
                Arguments.of(unified, false, true, null, true, true, true, Reason.SOFT_DELETED),
                Arguments.of(List.of(), true, false, null, false, true, true, Reason.SOFT_DELETED));
    }

    @ParameterizedTest(name = "[{index}] types={0} sec={1} mail={2} synced={3} enabled={4} deleted={5} default={6} -> {7}")
    @MethodSource("eligibilityTable")
    void eligibilityFollowsTheBehaviourTable(List<String> types, boolean security, boolean mail, Boolean synced,
            Boolean enabled, boolean softDeleted, boolean tenantDefault, Reason expected) {
        // The tenant default only decides what new groups get; it never changes an existing group's eligibility.
        Eligibility e = WritebackRules.eligibility(group(types, security, mail, synced, enabled, softDeleted));
        assertThat(e.reason()).isEqualTo(expected);
        assertThat(e.eligible()).isEqualTo(expected.eligible());
        assertThat(expected.description()).isNotBlank();
    }

    static Stream<Arguments> typeTable() {
        return Stream.of(
                Arguments.of(true, null, GroupType.UNIVERSAL_DISTRIBUTION),
                Arguments.of(true, "universalDistributionGroup", GroupType.UNIVERSAL_DISTRIBUTION),
                Arguments.of(true, "universalSecurityGroup", GroupType.UNIVERSAL_SECURITY),
                Arguments.of(true, "universalMailEnabledSecurityGroup", GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY),
                Arguments.of(true, "UniversalSecurityGroup", GroupType.UNIVERSAL_SECURITY),
                Arguments.of(true, "globalSecurityGroup", null),
                Arguments.of(true, "domainLocal", null),
                Arguments.of(false, null, GroupType.UNIVERSAL_SECURITY),
                Arguments.of(false, "universalSecurityGroup", GroupType.UNIVERSAL_SECURITY),
                Arguments.of(false, "universalDistributionGroup", null),
                Arguments.of(false, "universalMailEnabledSecurityGroup", null),
                Arguments.of(false, "nonsense", null));
    }

    @ParameterizedTest(name = "[{index}] unified={0} type={1} -> {2}")
    @MethodSource("typeTable")
    void targetTypeAllowsOnlyWhatTheGroupKindCanBe(boolean unified, String requested, GroupType expected) {
        CloudGroup g = unified ? m365(ID, "Sales", true, requested) : security(ID, "Sales", true)
                .withWriteback(new WritebackConfiguration(true, requested));
        TargetType t = WritebackRules.targetType(g);
        if (expected == null) {
            assertThat(t.allowed()).isEmpty();
            assertThat(t.problem()).contains("Sales (" + ID + ")").contains("'" + requested + "'")
                    .contains(unified ? "Microsoft 365" : "security");
        } else {
            assertThat(t.allowed()).contains(expected);
            assertThat(t.problem()).isNull();
        }
    }

    @Test
    void groupTypeValuesAreTheAdIntegers() {
        assertThat(GroupType.UNIVERSAL_DISTRIBUTION.adValue()).isEqualTo(8);
        assertThat(GroupType.UNIVERSAL_SECURITY.adValue()).isEqualTo(-2147483640);
        assertThat(GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY.adValue()).isEqualTo(-2147483640);
    }

    // ------------------------------------------------------------ naming

    @Test
    void defaultCnIsGroupUnderscoreObjectIdEvenWithADisplayName() {
        CloudGroup g = m365(ID, "Sales, EMEA", true, null);
        assertThat(GroupNaming.cn(g, false)).isEqualTo("Group_" + ID);
        assertThat(GroupNaming.dn(g, OU, false)).isEqualTo(dn("CN=Group_" + ID + "," + Fixtures.TARGET_OU));
    }

    static Stream<Arguments> hostileNames() {
        String suffix = "_0123456789ab";
        String longName = "x".repeat(120);
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 chars
        return Stream.of(
                Arguments.of("Sales", "Sales" + suffix),
                Arguments.of("Sales, EMEA", "Sales, EMEA" + suffix),
                Arguments.of("R+D", "R+D" + suffix),
                Arguments.of("\"Quoted\" group", "\"Quoted\" group" + suffix),
                Arguments.of("back\\slash", "back\\slash" + suffix),
                Arguments.of("#hash first", "#hash first" + suffix),
                Arguments.of("   padded   ", "padded" + suffix),
                Arguments.of("\t tabbed \n", "tabbed" + suffix),
                Arguments.of("Ventes Société Générale ÄÖÜ 販売", "Ventes Société Générale ÄÖÜ 販売" + suffix),
                Arguments.of("Party " + emoji, "Party " + emoji + suffix),
                Arguments.of(longName, "x".repeat(51) + suffix),
                Arguments.of("*)(objectClass=*)", "*)(objectClass=*)" + suffix),
                Arguments.of("<>;=", "<>;=" + suffix),
                Arguments.of("a=b+c=d", "a=b+c=d" + suffix),
                Arguments.of("line\nfeed", "line feed" + suffix),
                Arguments.of("lone \uD83D surrogate", "lone \uFFFD surrogate" + suffix),
                Arguments.of("nul\u0000char", "nul char" + suffix),
                Arguments.of(" ", "Group_" + ID),
                Arguments.of("", "Group_" + ID),
                Arguments.of(null, "Group_" + ID),
                // 50 chars then an emoji: cutting at 51 would split the pair, so the emoji is left out
                Arguments.of("y".repeat(50) + emoji + "tail", "y".repeat(50) + suffix),
                // 49 chars then an emoji: both halves fit in 51
                Arguments.of("z".repeat(49) + emoji + "tail", "z".repeat(49) + emoji + suffix));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileNames")
    void displayNameCnIsTrimmedCutEscapedAndRoundTrips(String displayName, String expectedCn) throws Exception {
        CloudGroup g = m365(ID, "x", true, null);
        g = new CloudGroup(g.id(), displayName, null, null, null, g.groupTypes(), false, true, null, List.of(),
                g.writeback(), Set.of(), false);
        String cn = GroupNaming.cn(g, true);
        assertThat(cn).isEqualTo(expectedCn);
        assertThat(cn.length()).isLessThanOrEqualTo(64);
        assertThat(Character.isHighSurrogate(cn.charAt(cn.length() - 1))).isFalse();

        DN built = GroupNaming.dn(g, OU, true);
        DN reparsed = new DN(built.toString());
        assertThat(reparsed).isEqualTo(built);
        assertThat(reparsed.getRDN().getAttributeNames()).containsExactly("CN");
        assertThat(reparsed.getRDN().getAttributeValues()).containsExactly(expectedCn);
        assertThat(reparsed.getParent()).isEqualTo(OU);
        assertThat(reparsed.getRDNs()).hasSize(OU.getRDNs().length + 1);
        // the escaped string form must not smuggle in extra RDN components
        assertThat(new RDN(reparsed.getRDN().toString()).getAttributeValues()).containsExactly(expectedCn);
    }

    @Test
    void twoGroupsWithTheSameDisplayNameGetDifferentCns() {
        CloudGroup a = m365("11111111-1111-4111-8111-aaaaaaaaaaaa", "Sales", true, null);
        CloudGroup b = m365("22222222-2222-4222-8222-bbbbbbbbbbbb", "Sales", true, null);
        assertThat(GroupNaming.cn(a, true)).isEqualTo("Sales_aaaaaaaaaaaa");
        assertThat(GroupNaming.cn(b, true)).isEqualTo("Sales_bbbbbbbbbbbb");
        assertThat(GroupNaming.dn(a, OU, true)).isNotEqualTo(GroupNaming.dn(b, OU, true));
    }

    @Test
    void cnOf120CharacterNameStaysWithinAdLimit() {
        CloudGroup g = m365(ID, "Ä".repeat(120), true, null);
        assertThat(GroupNaming.cn(g, true)).hasSize(64).startsWith("Ä".repeat(51) + "_");
    }

    // ------------------------------------------------------------ sAMAccountName

    @Test
    void samAccountNameIsDerivedFromTheIdStableAndFitsTwentyCharacters() {
        String sam = GroupNaming.samAccountName(ID);
        assertThat(sam).hasSize(20).matches("Group_[a-z2-7]{14}");
        assertThat(GroupNaming.samAccountName(ID)).isEqualTo(sam);
        assertThat(GroupNaming.samAccountName(ID.toUpperCase())).isEqualTo(sam);
        // renames do not matter: only the id goes in
        assertThat(GroupNaming.samAccountName(m365(ID, "Marketing", true, null).id())).isEqualTo(sam);
    }

    @Test
    void samAccountNamesAreUniqueForIdsSharingLongPrefixesAndSuffixes() {
        Set<String> sams = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            sams.add(GroupNaming.samAccountName(String.format("00000000-0000-0000-0000-%012d", i)).toLowerCase());
            sams.add(GroupNaming.samAccountName(String.format("%08d-0000-0000-0000-000000000000", i)).toLowerCase());
        }
        assertThat(sams).hasSize(39_999); // the all-zero id appears in both series
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-guid", "x", "abc,def;\"[]:|<>+=*?@/\\"})
    void samAccountNameOfAnyIdHasNoForbiddenCharacters(String id) {
        assertThat(GroupNaming.samAccountName(id)).hasSize(20).matches("Group_[a-z2-7]{14}");
    }

    @Test
    void adminDescriptionIsConnectsMarker() {
        assertThat(GroupNaming.adminDescription(ID)).isEqualTo("Group_" + ID);
        assertThat(GroupNaming.isMarkerOf("group_" + ID.toUpperCase(), ID)).isTrue();
        assertThat(GroupNaming.isMarkerOf("Group_other", ID)).isFalse();
        assertThat(GroupNaming.isMarkerOf(null, ID)).isFalse();
    }

    // ------------------------------------------------------------ attributes

    @Test
    void distributionGroupCarriesMailAttributesAndNicknameOnlyWithExchangeSchema() {
        CloudGroup g = m365(ID, "Sales", true, null);
        NewGroup without = WritebackRules.newGroup(g, GroupType.UNIVERSAL_DISTRIBUTION, dn("CN=x," + Fixtures.TARGET_OU),
                false);
        assertThat(without.groupType()).isEqualTo(8);
        assertThat(without.mail()).isEqualTo("sales@fabrikam.com");
        assertThat(without.proxyAddresses()).containsExactly("SMTP:sales@fabrikam.com",
                "smtp:sales@fabrikam.onmicrosoft.com");
        assertThat(without.mailNickname()).isNull();
        assertThat(without.displayName()).isEqualTo("Sales");
        assertThat(without.description()).isEqualTo("Sales description");
        assertThat(without.adminDescription()).isEqualTo("Group_" + ID);
        assertThat(without.samAccountName()).isEqualTo(GroupNaming.samAccountName(ID));

        NewGroup with = WritebackRules.newGroup(g, GroupType.UNIVERSAL_DISTRIBUTION, dn("CN=x," + Fixtures.TARGET_OU),
                true);
        assertThat(with.mailNickname()).isEqualTo("sales");

        NewGroup mailSec = WritebackRules.newGroup(g, GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY,
                dn("CN=x," + Fixtures.TARGET_OU), true);
        assertThat(mailSec.groupType()).isEqualTo(-2147483640);
        assertThat(mailSec.mail()).isEqualTo("sales@fabrikam.com");
        assertThat(mailSec.mailNickname()).isEqualTo("sales");
    }

    @Test
    void duplicateProxyAddressesAreDroppedAsAdWouldRefuseThem() {
        CloudGroup g = new CloudGroup(ID, "Sales", null, "sales", "sales@f.com", List.of("Unified"), false, true, null,
                List.of("SMTP:sales@f.com", "smtp:Sales@f.com", "smtp:sales@g.com", " ", "smtp:sales@g.com"),
                WritebackConfiguration.UNSET, Set.of(), false);
        NewGroup n = WritebackRules.newGroup(g, GroupType.UNIVERSAL_DISTRIBUTION, dn("CN=x," + Fixtures.TARGET_OU), false);
        assertThat(n.proxyAddresses()).containsExactly("SMTP:sales@f.com", "smtp:sales@g.com");
    }

    @Test
    void unpairedSurrogatesInAttributesBecomeTheReplacementCharacterSoTheValueReadsBackEqual() {
        // LDAP carries UTF-8, which has no form for a lone surrogate: written as is, AD would store "?" and every
        // later cycle would see a difference and rewrite it.
        CloudGroup g = new CloudGroup(ID, "Team \ud800", "about \udc00 it", "nick\ud83d", "x@f.com",
                List.of("Unified"), false, true, null, List.of("SMTP:x@f.com"), WritebackConfiguration.UNSET, Set.of(),
                false);
        NewGroup n = WritebackRules.newGroup(g, GroupType.UNIVERSAL_DISTRIBUTION, dn("CN=x," + Fixtures.TARGET_OU), true);
        assertThat(n.displayName()).isEqualTo("Team \ufffd");
        assertThat(n.description()).isEqualTo("about \ufffd it");
        assertThat(n.mailNickname()).isEqualTo("nick\ufffd");
        assertThat(WritebackRules.newGroup(m365(ID, "Sales \ud83d\ude00", true, null), GroupType.UNIVERSAL_DISTRIBUTION,
                dn("CN=x," + Fixtures.TARGET_OU), true).displayName()).as("pairs are kept").isEqualTo("Sales \ud83d\ude00");
    }

    @Test
    void securityTypeGetsNoMailAttributesEvenFromAMailEnabledCloudGroup() {
        CloudGroup g = m365(ID, "Sales", true, "universalSecurityGroup");
        NewGroup n = WritebackRules.newGroup(g, GroupType.UNIVERSAL_SECURITY, dn("CN=x," + Fixtures.TARGET_OU), true);
        assertThat(n.groupType()).isEqualTo(-2147483640);
        assertThat(n.mail()).isNull();
        assertThat(n.mailNickname()).isNull();
        assertThat(n.proxyAddresses()).isEmpty();
    }

    private static AdGroup ad(NewGroup n, String displayName, String mail, String nick, List<String> proxies,
            int groupType) {
        return new AdGroup(new ObjectGuid(java.util.UUID.randomUUID()), n.dn(), null, n.samAccountName(), groupType,
                displayName, n.description(), n.adminDescription(), mail, nick, proxies, Set.of(),
                n.exchangeAttributes());
    }

    @Test
    void attributeDiffIsCaseSensitiveForValuesAndOrderInsensitiveForProxyAddresses() {
        NewGroup n = WritebackRules.newGroup(m365(ID, "Sales", true, null), GroupType.UNIVERSAL_DISTRIBUTION,
                dn("CN=x," + Fixtures.TARGET_OU), true);
        List<String> reversed = List.of(n.proxyAddresses().get(1), n.proxyAddresses().get(0));
        assertThat(WritebackRules.attributeDiff(n, ad(n, "Sales", n.mail(), "sales", reversed, 8), true)).isEmpty();

        Map<String, List<String>> diff = WritebackRules.attributeDiff(n,
                ad(n, "SALES", n.mail(), "sales", List.of("smtp:sales@fabrikam.com"), -2147483640), true);
        assertThat(diff).containsOnlyKeys("displayName", "groupType", "proxyAddresses");
        assertThat(diff.get("displayName")).containsExactly("Sales");
        assertThat(diff.get("groupType")).containsExactly("8");
        assertThat(diff.get("proxyAddresses")).containsExactlyElementsOf(n.proxyAddresses());
    }

    @Test
    void attributeDiffRemovesMailAttributesFromASecurityGroupAndIgnoresNicknameWithoutExchange() {
        NewGroup n = WritebackRules.newGroup(security(ID, "Sec", true), GroupType.UNIVERSAL_SECURITY,
                dn("CN=x," + Fixtures.TARGET_OU), false);
        AdGroup drifted = ad(n, "Sec", "sec@x.com", "leftover", List.of("SMTP:sec@x.com"), -2147483640);
        Map<String, List<String>> diff = WritebackRules.attributeDiff(n, drifted, false);
        assertThat(diff).containsOnlyKeys("mail", "proxyAddresses");
        assertThat(diff.get("mail")).isEmpty();
        assertThat(diff.get("proxyAddresses")).isEmpty();
        assertThat(WritebackRules.attributeDiff(n, drifted, true)).containsKey("mailNickname");
        assertThat(WritebackRules.currentValues(drifted, diff.keySet()))
                .containsEntry("mail", List.of("sec@x.com")).containsEntry("proxyAddresses", List.of("SMTP:sec@x.com"));
    }

    // ------------------------------------------------------------ members

    @Test
    void membersResolveBySidAndEverySkipIsCounted() {
        CloudUser synced = new CloudUser("u1", Fixtures.sid(1001).value(), true);
        CloudUser outOfScope = new CloudUser("u2", Fixtures.sid(1002).value(), true);
        CloudUser cloudOnly = new CloudUser("u3", null, null);
        CloudUser badSid = new CloudUser("u4", "not-a-sid", true);
        Map<String, CloudUser> users = Map.of("u1", synced, "u2", outOfScope, "u3", cloudOnly, "u4", badSid);
        Map<Sid, DN> userDns = Map.of(Fixtures.sid(1001), Fixtures.userDn(1));
        DN nestedDn = dn("CN=Group_nested," + Fixtures.TARGET_OU);
        CloudGroup g = m365(ID, "Sales", true, null,
                CloudMember.user("u1"), CloudMember.user("u2"), CloudMember.user("u3"), CloudMember.user("u4"),
                CloudMember.user("unknown"), CloudMember.group("nested"), CloudMember.group("notWrittenBack"),
                CloudMember.group(ID), new CloudMember("dev1", CloudMember.Kind.OTHER));
        MemberResolution r = WritebackRules.resolveMembers(g, users, userDns,
                id -> id.equals("nested") || id.equals(ID) ? Optional.of(nestedDn) : Optional.empty());
        assertThat(r.members()).containsExactlyInAnyOrder(Fixtures.userDn(1), nestedDn);
        assertThat(r.skipped().cloudOnlyUsers()).isEqualTo(1);
        assertThat(r.skipped().usersNotFoundOrOutOfScope()).isEqualTo(3);
        assertThat(r.skipped().groupsNotWrittenBack()).isEqualTo(2); // not written back + itself
        assertThat(r.skipped().otherObjects()).isEqualTo(1);
    }

    @Test
    void sidLookupIsExactNotCaseFolded() {
        // SIDs are numeric; the same SID written with a leading zero in a sub-authority is not the same text,
        // and the lookup must go through the parsed value, not a case-insensitive string.
        Map<Sid, DN> userDns = new HashMap<>();
        userDns.put(Fixtures.sid(1001), Fixtures.userDn(1));
        CloudGroup g = security(ID, "S", true, CloudMember.user("a"), CloudMember.user("b"));
        Map<String, CloudUser> users = Map.of(
                "a", new CloudUser("a", " " + Fixtures.sid(1001).value() + " ", true),
                "b", new CloudUser("b", Fixtures.sid(10010).value(), true));
        MemberResolution r = WritebackRules.resolveMembers(g, users, userDns, x -> Optional.empty());
        assertThat(r.members()).containsExactly(Fixtures.userDn(1));
        assertThat(r.skipped().usersNotFoundOrOutOfScope()).isEqualTo(1);
    }

    @Test
    void memberLimitProblemNamesGroupSizeAndLimit() {
        Set<CloudMember> members = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            members.add(CloudMember.user("u" + i));
        }
        CloudGroup g = m365(ID, "Big", true, null).withMembers(members);
        assertThat(WritebackRules.memberLimitProblem(g, 11)).isEmpty();
        assertThat(WritebackRules.memberLimitProblem(g, 10)).hasValue("group Big (" + ID + ") has 11 members, more"
                + " than the member limit 10; it is not written back (raise groupWriteback.memberLimit up to 250000)");
    }

    @Test
    void fixturesIdsSortInNumericOrder() {
        assertThat(id(2).compareTo(id(10))).isNegative();
    }
}
