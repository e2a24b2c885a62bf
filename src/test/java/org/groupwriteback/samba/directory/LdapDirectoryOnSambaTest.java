package org.groupwriteback.samba.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's {@link LdapDirectory} against a real AD (Samba 4), bound over LDAPS as the delegated sync account:
 * every write the sync cycle makes, with the rights {@code gwb permissions grant} gives and no more.
 */
@SambaTest(manyUsers = true)
class LdapDirectoryOnSambaTest {
    private static final DN SUB_OU = new DN(new RDN("OU", "Moved"), SambaDc.GROUPS_OU);
    private static LdapDirectory directory;
    private static SambaDc dc;

    @BeforeAll
    static void delegateAndConnect(SambaDc samba) throws Exception {
        dc = samba;
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add(new Entry(SUB_OU, new Attribute("objectClass", "organizationalUnit")));
            WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_DN.toString(), admin);
        }
        directory = LdapDirectory.open(new SyncConfiguration.Directory(dc.ldapsUrl(), SambaDc.SERVICE_DN.toString(),
                null, dc.caCertificate().toString(), SambaDc.BASE_DN.toString()),
                Secret.of("test password", SambaDc.SERVICE_PASSWORD.toCharArray()));
    }

    @AfterAll
    static void close() {
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    void createsEachUniversalGroupTypeWithTheRightAccountType() throws Exception {
        for (GroupType type : GroupType.values()) {
            String name = "Type-" + type.ordinal();
            NewGroup g = newGroup(name, SambaDc.GROUPS_OU, type);
            ObjectGuid guid = directory.createGroup(g);
            AdGroup read = directory.readGroups(List.of(guid)).get(guid);
            assertThat(read.dn()).isEqualTo(g.dn());
            assertThat(read.groupType()).as(type.name()).isEqualTo(type.adValue());
            assertThat(read.adminDescription()).isEqualTo("Group_" + name);
            assertThat(read.sid()).isNotNull();
            try (LDAPConnection admin = dc.connectAdmin()) {
                String accountType = admin.getEntry(g.dn().toString(), "sAMAccountType")
                        .getAttributeValue("sAMAccountType");
                // 268435456 = security group, 268435457 = distribution group
                assertThat(accountType).as(type.name())
                        .isEqualTo(type == GroupType.UNIVERSAL_DISTRIBUTION ? "268435457" : "268435456");
            }
        }
    }

    @Test
    void hostileNamesRoundTripThroughTheDn() throws Exception {
        // '=' needs AD's own escaping (see equalsSignInACnMustBeSentEscapedToSamba): LdapDirectory sends AdDn.wire
        for (String cn : List.of("Sales, EMEA + \"Ops\" <#1>; a-b \\ back", "#leading hash", " spaced ",
                "Ünïcødé 日本語 ✓", "R&D = Research Lab", "*)(objectClass=*)", "a=b=c")) {
            String sam = "hostile-" + Integer.toHexString(cn.hashCode());
            NewGroup g = new NewGroup(new DN(new RDN("CN", cn), SambaDc.GROUPS_OU), sam,
                    GroupType.UNIVERSAL_SECURITY.adValue(), cn, null, "Group_" + sam, null, null, null);
            ObjectGuid guid = directory.createGroup(g);
            AdGroup read = directory.readGroups(List.of(guid)).get(guid);
            assertThat(read.dn()).as(cn).isEqualTo(g.dn());
            assertThat(read.dn().getRDN().getAttributeValues()[0]).isEqualTo(cn);
            assertThat(read.displayName()).isEqualTo(cn);
            assertThat(directory.readGroup(g.dn())).map(AdGroup::guid).contains(guid);
        }
    }

    @Test
    void equalsSignInACnMustBeSentEscapedToSamba() throws Exception {
        DN dn = new DN(new RDN("CN", "R&D = Research"), SambaDc.GROUPS_OU);
        try (LDAPConnection admin = dc.connectAdmin()) {
            // UnboundID renders '=' in a value unescaped (RFC 4514 allows it); Samba's ldb refuses that DN
            assertThat(dn.toString()).startsWith("CN=R&D = Research,");
            assertThatThrownBy(() -> admin.add(new Entry(dn, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "rd-1"))))
                    .isInstanceOfSatisfying(com.unboundid.ldap.sdk.LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_DN_SYNTAX));
            // the same name with '=' hex-escaped is accepted and reads back as the plain value
            admin.add(new Entry("CN=R&D \\3D Research," + SambaDc.GROUPS_OU, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "rd-2")));
            SearchResultEntry e = admin.searchForEntry(SambaDc.GROUPS_OU.toString(),
                    com.unboundid.ldap.sdk.SearchScope.ONE, "(sAMAccountName=rd-2)", "cn");
            assertThat(e.getAttributeValue("cn")).isEqualTo("R&D = Research");
            assertThat(e.getParsedDN()).isEqualTo(dn);
        }
    }

    @Test
    void equalsSignsSurviveMemberValuesAndRenamesThroughTheAdapter() throws Exception {
        // sAMAccountName may not contain '=', so the names are given apart from the cn
        ObjectGuid child = directory.createGroup(new NewGroup(new DN(new RDN("CN", "Child = 1"), SambaDc.GROUPS_OU),
                "eq-child", GroupType.UNIVERSAL_SECURITY.adValue(), "Child = 1", null, "Group_eq-child", null, null, null));
        ObjectGuid parent = directory.createGroup(new NewGroup(new DN(new RDN("CN", "Parent = P"), SambaDc.GROUPS_OU),
                "eq-parent", GroupType.UNIVERSAL_SECURITY.adValue(), "Parent = P", null, "Group_eq-parent", null, null,
                null));
        DN childDn = directory.readGroups(List.of(child)).get(child).dn();
        DN parentDn = directory.readGroups(List.of(parent)).get(parent).dn();
        directory.addMembers(parentDn, List.of(childDn));
        assertThat(directory.readGroups(List.of(parent)).get(parent).members()).containsExactly(childDn);
        DN renamed = directory.moveOrRename(childDn, new RDN("CN", "Child == 2"), null);
        assertThat(directory.readGroups(List.of(child)).get(child).dn()).isEqualTo(renamed);
        // AD rewrites the member value itself on rename
        assertThat(directory.readGroups(List.of(parent)).get(parent).members()).containsExactly(renamed);
        directory.removeMembers(parentDn, List.of(renamed));
        assertThat(directory.readGroups(List.of(parent)).get(parent).members()).isEmpty();
        directory.deleteGroup(renamed);
        assertThat(directory.exists(renamed)).isFalse();
    }

    @Test
    void renameAndMoveKeepObjectGuidAndSid() throws Exception {
        ObjectGuid guid = directory.createGroup(newGroup("Before-Rename", SambaDc.GROUPS_OU,
                GroupType.UNIVERSAL_SECURITY));
        AdGroup before = directory.readGroups(List.of(guid)).get(guid);
        DN renamed = directory.moveOrRename(before.dn(), new RDN("CN", "After-Rename"), SambaDc.GROUPS_OU);
        DN moved = directory.moveOrRename(renamed, renamed.getRDN(), SUB_OU);
        AdGroup after = directory.readGroups(List.of(guid)).get(guid);
        assertThat(after.dn()).isEqualTo(moved).isEqualTo(new DN(new RDN("CN", "After-Rename"), SUB_OU));
        assertThat(after.sid()).isEqualTo(before.sid());
        assertThat(directory.exists(before.dn())).isFalse();
    }

    @Test
    void movingOutOfTheDelegatedOuIsRefusedWithAdvice() throws Exception {
        ObjectGuid guid = directory.createGroup(newGroup("Stay-Home", SambaDc.GROUPS_OU, GroupType.UNIVERSAL_SECURITY));
        DN dn = directory.readGroups(List.of(guid)).get(guid).dn();
        assertThatThrownBy(() -> directory.moveOrRename(dn, dn.getRDN(), SambaDc.OTHER_OU))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                    assertThat(e.getMessage()).contains(SambaDc.SERVICE_DN.toString()).contains("gwb permissions grant");
                });
        assertThat(directory.exists(dn)).isTrue();
    }

    @Test
    void creatingOutsideTheDelegatedOuIsRefusedWithAdvice() {
        assertThatThrownBy(() -> directory.createGroup(newGroup("Outside", SambaDc.OTHER_OU,
                GroupType.UNIVERSAL_SECURITY)))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                    assertThat(e.getMessage()).contains("may not create groups in " + SambaDc.OTHER_OU);
                });
    }

    @Test
    void membersAreAddedAndRemovedIncludingNestedGroups() throws Exception {
        ObjectGuid outer = directory.createGroup(newGroup("Outer", SambaDc.GROUPS_OU, GroupType.UNIVERSAL_SECURITY));
        ObjectGuid inner = directory.createGroup(newGroup("Inner", SambaDc.GROUPS_OU, GroupType.UNIVERSAL_SECURITY));
        Map<ObjectGuid, AdGroup> both = directory.readGroups(List.of(outer, inner));
        DN outerDn = both.get(outer).dn();
        DN innerDn = both.get(inner).dn();
        directory.addMembers(outerDn, List.of(SambaDc.ALICE_DN, SambaDc.BOB_DN, innerDn));
        assertThat(directory.readGroup(outerDn).orElseThrow().members())
                .containsExactlyInAnyOrder(SambaDc.ALICE_DN, SambaDc.BOB_DN, innerDn);
        directory.removeMembers(outerDn, List.of(SambaDc.BOB_DN));
        assertThat(directory.readGroup(outerDn).orElseThrow().members())
                .containsExactlyInAnyOrder(SambaDc.ALICE_DN, innerDn);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(admin.getEntry(innerDn.toString(), "memberOf").getAttributeValues("memberOf"))
                    .containsExactly(outerDn.toString());
        }
    }

    @Test
    void groupWithMoreThan1500MembersIsWrittenAndReadBackCompletely() throws Exception {
        ObjectGuid guid = directory.createGroup(newGroup("Big", SambaDc.GROUPS_OU, GroupType.UNIVERSAL_SECURITY));
        DN dn = directory.readGroups(List.of(guid)).get(guid).dn();
        List<DN> members = new ArrayList<>();
        for (int i = 0; i < SambaDc.MANY_USERS; i++) {
            members.add(SambaDc.manyUser(i));
        }
        long t0 = System.nanoTime();
        directory.addMembers(dn, members);
        long t1 = System.nanoTime();
        Set<DN> read = directory.readGroups(List.of(guid)).get(guid).members();
        long t2 = System.nanoTime();
        System.out.printf("[samba] %d members: add %d ms, read %d ms%n", members.size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        assertThat(read).hasSize(SambaDc.MANY_USERS).containsAll(members);
        try (LDAPConnection svc = dc.connectService()) {
            // Samba honours explicit ranges (it does not range an unranged request, unlike Windows: samba-ad.md 7)
            SearchResultEntry first = svc.getEntry(dn.toString(), "member;range=0-1499");
            assertThat(first.getAttributes()).singleElement()
                    .satisfies(a -> assertThat(a.getName()).isEqualTo("member;range=0-1499"))
                    .satisfies(a -> assertThat(a.size()).isEqualTo(1500));
        }
    }

    @Test
    void aDomainLocalGroupIsAcceptedAsMemberOfAUniversalGroupOnSambaOnly() throws Exception {
        DN local = new DN(new RDN("CN", "Local-Group"), SambaDc.GROUPS_OU);
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add(new Entry(local, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "Local-Group"), new Attribute("groupType", "-2147483644")));
        }
        ObjectGuid guid = directory.createGroup(newGroup("Universal-With-Local", SambaDc.GROUPS_OU,
                GroupType.UNIVERSAL_SECURITY));
        DN dn = directory.readGroups(List.of(guid)).get(guid).dn();
        // Windows AD refuses this ("A universal group cannot have a local group as a member"); Samba 4.17 accepts
        // it, so the engine's handling of that refusal cannot be tested here.
        directory.addMembers(dn, List.of(local));
        assertThat(directory.readGroup(dn).orElseThrow().members()).containsExactly(local);
    }

    @Test
    void deleteRemovesTheGroup() throws Exception {
        ObjectGuid guid = directory.createGroup(newGroup("To-Delete", SambaDc.GROUPS_OU, GroupType.UNIVERSAL_SECURITY));
        DN dn = directory.readGroups(List.of(guid)).get(guid).dn();
        directory.deleteGroup(dn);
        assertThat(directory.exists(dn)).isFalse();
        assertThat(directory.readGroups(List.of(guid))).isEmpty();
    }

    @Test
    void collisionWithAnUnmanagedGroupIsReportedAndNothingIsOverwritten() throws Exception {
        NewGroup clash = new NewGroup(SambaDc.SEC_UNIVERSAL_DN, "Clash-1", GroupType.UNIVERSAL_SECURITY.adValue(),
                "Clash", null, "Group_clash", null, null, null);
        assertThatThrownBy(() -> directory.createGroup(clash))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("does not manage").contains(SambaDc.SEC_UNIVERSAL_DN.toString());
                });
        assertThat(directory.readGroup(SambaDc.SEC_UNIVERSAL_DN).orElseThrow().adminDescription()).isNull();
        NewGroup sameSam = new NewGroup(new DN(new RDN("CN", "Other-Name"), SambaDc.GROUPS_OU), "Sec-Universal",
                GroupType.UNIVERSAL_SECURITY.adValue(), null, null, "Group_x", null, null, null);
        assertThatThrownBy(() -> directory.createGroup(sameSam))
                .isInstanceOfSatisfying(DirectoryException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS));
    }

    private static NewGroup newGroup(String name, DN ou, GroupType type) {
        boolean mail = type.mailEnabled();
        return new NewGroup(new DN(new RDN("CN", name), ou), name, type.adValue(), name, "written by the test",
                "Group_" + name, mail ? name.toLowerCase() + "@corp.example.test" : null, null,
                mail ? List.of("SMTP:" + name.toLowerCase() + "@corp.example.test") : null);
    }
}
