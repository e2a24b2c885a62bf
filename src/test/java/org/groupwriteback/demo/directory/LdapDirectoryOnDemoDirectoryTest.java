package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's LDAP adapter against the AD-like demo directory (lives here so engine tests never import demo). */
class LdapDirectoryOnDemoDirectoryTest {

    @TempDir
    Path temp;

    private DemoDirectory demo;
    private LdapDirectory directory;
    private DN cloudGroups;
    private DN users;
    private DN corp;

    @BeforeEach
    void start() throws Exception {
        demo = DemoDirectory.startDefault(0);
        corp = new DN("OU=Corp," + demo.baseDn());
        cloudGroups = new DN("OU=Cloud Groups," + corp);
        users = new DN("OU=Users," + corp);
        directory = LdapDirectory.open(demo.configuration(temp.resolve("demo-password"), null));
    }

    @AfterEach
    void stop() throws Exception {
        if (directory != null) {
            directory.close();
        }
        demo.stop();
    }

    private SyncConfiguration.Directory config(String password) throws Exception {
        Path file = Files.createTempFile(temp, "pw", ".txt");
        DataDirectory.writeSecretFile(file, (password + "\n").toCharArray());
        return new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(), file.toString(), null, null);
    }

    private NewGroup newGroup(String cn, String sam) {
        return new NewGroup(new DN(new RDN("cn", cn), cloudGroups), sam, GroupType.UNIVERSAL_SECURITY.adValue(),
                cn + " display", "desc", "Group_" + sam, null, null, List.of());
    }

    private List<DN> bulkUsers(int count, int firstRid) throws Exception {
        List<DN> out = new ArrayList<>();
        List<DemoDirectory.User> bulk = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DN dn = new DN(new RDN("cn", "Bulk User " + i), users);
            bulk.add(new DemoDirectory.User(dn, new Sid(demo.domainSid().value() + "-" + (firstRid + i)), "bulk" + i));
            out.add(dn);
        }
        demo.addUsers(bulk);
        return out;
    }

    @Test
    void testReadsTheRootDse() throws Exception {
        DirectoryInfo info = directory.test();
        assertThat(info.defaultNamingContext()).isEqualToIgnoringCase("DC=fabrikam,DC=local");
        assertThat(info.dnsHostName()).isEqualTo("dc1.fabrikam.local");
        assertThat(info.exchangeSchema()).isTrue();
        assertThat(info.supportedControls()).contains("1.2.840.113556.1.4.319");
        assertThat(directory.baseDn()).isEqualTo(demo.baseDn());
    }

    @Test
    void groupLifecycleKeepsTheSameObjectGuid() throws Exception {
        NewGroup g = new NewGroup(new DN(new RDN("cn", "Group_abc"), cloudGroups), "Group_abc",
                GroupType.UNIVERSAL_DISTRIBUTION.adValue(), "Sales", "Sales team", "Group_abc",
                "sales@fabrikam.com", "sales", List.of("SMTP:sales@fabrikam.com", "smtp:s@fabrikam.com"));
        ObjectGuid guid = directory.createGroup(g);

        AdGroup read = directory.readGroups(List.of(guid)).get(guid);
        assertThat(read.dn()).isEqualTo(g.dn());
        assertThat(read.groupType()).isEqualTo(8);
        assertThat(read.displayName()).isEqualTo("Sales");
        assertThat(read.adminDescription()).isEqualTo("Group_abc");
        assertThat(read.mail()).isEqualTo("sales@fabrikam.com");
        assertThat(read.mailNickname()).isEqualTo("sales");
        assertThat(read.proxyAddresses()).containsExactlyInAnyOrder("SMTP:sales@fabrikam.com", "smtp:s@fabrikam.com");
        assertThat(read.sid().value()).startsWith(demo.domainSid().value());
        assertThat(read.members()).isEmpty();

        directory.replaceAttributes(g.dn(), Map.of("displayName", List.of("Sales EMEA"),
                "groupType", List.of(Integer.toString(GroupType.UNIVERSAL_SECURITY.adValue())),
                "mail", List.of()));
        AdGroup updated = directory.readGroup(g.dn()).orElseThrow();
        assertThat(updated.displayName()).isEqualTo("Sales EMEA");
        assertThat(updated.groupType()).isEqualTo(-2147483640);
        assertThat(updated.mail()).isNull();

        DN renamed = directory.moveOrRename(g.dn(), new RDN("cn", "Sales EMEA_0123456789ab"), null);
        assertThat(renamed).isEqualTo(new DN(new RDN("cn", "Sales EMEA_0123456789ab"), cloudGroups));
        DN groupsOu = new DN("OU=Groups," + corp);
        DN moved = directory.moveOrRename(renamed, renamed.getRDN(), groupsOu);
        assertThat(moved.getParent()).isEqualTo(groupsOu);
        AdGroup afterMove = directory.readGroups(List.of(guid)).get(guid);
        assertThat(afterMove.dn()).isEqualTo(moved);
        assertThat(afterMove.sid()).isEqualTo(read.sid());
        assertThat(directory.exists(g.dn())).isFalse();
        assertThat(directory.exists(moved)).isTrue();

        directory.deleteGroup(moved);
        assertThat(directory.readGroups(List.of(guid))).isEmpty();
        assertThat(directory.readGroup(moved)).isEmpty();
        directory.deleteGroup(moved); // already gone: no error
    }

    @Test
    void hostileNamesAreEscapedByTheSdk() throws Exception {
        String cn = "#Sales, Marketing + \"Partners\"; Zürich <EMEA>_0123456789ab";
        NewGroup g = newGroup(cn, "hostile");
        ObjectGuid guid = directory.createGroup(g);
        AdGroup read = directory.readGroups(List.of(guid)).get(guid);
        assertThat(read.dn().getRDN().getAttributeValues()[0]).isEqualTo(cn);
    }

    @Test
    void membersAreWrittenInBatchesAndReadCompletely() throws Exception {
        List<DN> members = bulkUsers(2_500, 30_000);
        ObjectGuid guid = directory.createGroup(newGroup("Big", "big"));
        DN group = new DN(new RDN("cn", "Big"), cloudGroups);
        directory.addMembers(group, members);
        assertThat(directory.readGroups(List.of(guid)).get(guid).members()).hasSize(2_500)
                .containsAll(members);

        // Windows AD answers member;range=0-1499 for large groups: the reader follows the ranges.
        demo.setMaxValRange(1_000);
        AdGroup ranged = directory.readGroups(List.of(guid)).get(guid);
        assertThat(ranged.members()).hasSize(2_500).containsAll(members);
        directory.removeMembers(group, members.subList(0, 1_200));
        assertThat(directory.readGroup(group).orElseThrow().members())
                .hasSize(1_300).containsExactlyInAnyOrderElementsOf(members.subList(1_200, 2_500));
    }

    @Test
    void staleMemberValuesDoNotFailTheBatch() throws Exception {
        List<DN> members = bulkUsers(5, 40_000);
        directory.createGroup(newGroup("Stale", "stale"));
        DN group = new DN(new RDN("cn", "Stale"), cloudGroups);
        directory.addMembers(group, members.subList(0, 2));
        directory.addMembers(group, members); // two already there
        assertThat(directory.readGroup(group).orElseThrow().members()).hasSize(5);
        directory.removeMembers(group, List.of(members.get(0), new DN("CN=Bulk User 0,OU=Excluded," + corp)));
        directory.removeMembers(group, members.subList(0, 3)); // first already removed
        assertThat(directory.readGroup(group).orElseThrow().members())
                .containsExactlyInAnyOrderElementsOf(members.subList(3, 5));

        DN missing = new DN("CN=Nobody," + users);
        assertThatThrownBy(() -> directory.addMembers(group, List.of(members.get(0), missing, members.get(1))))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.getMessage()).contains("could not add 1 member(s)").contains(missing.toString())
                            .contains("the other members were written");
                    assertThat(e.resultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.REFUSED);
                });
        assertThat(directory.readGroup(group).orElseThrow().members()).hasSize(4);
    }

    @Test
    void resolveUsersRespectsTheOuFilter() throws Exception {
        Sid adele = new Sid("S-1-5-21-3623811015-3361044348-30300820-1105");
        Sid kari = new Sid("S-1-5-21-3623811015-3361044348-30300820-1131");
        Sid unknown = new Sid("S-1-5-21-3623811015-3361044348-30300820-999999");

        OuFilter corpWithoutExcluded = new OuFilter(List.of(corp.toString()), List.of("OU=Excluded," + corp));
        Map<Sid, DN> found = directory.resolveUsers(List.of(adele, kari, unknown), corpWithoutExcluded);
        assertThat(found).containsOnlyKeys(adele);
        assertThat(found.get(adele)).isEqualTo(new DN("CN=Adele Vance," + users));

        Map<Sid, DN> everything = directory.resolveUsers(List.of(adele, kari), new OuFilter(List.of(), List.of()));
        assertThat(everything).containsOnlyKeys(adele, kari);
        assertThat(everything.get(kari)).isEqualTo(new DN("CN=Kari Furu,OU=Excluded," + corp));

        Map<Sid, DN> onlyExcluded = directory.resolveUsers(List.of(adele, kari),
                new OuFilter(List.of("OU=Excluded," + corp, corp.toString()), List.of("OU=Users," + corp)));
        assertThat(onlyExcluded).containsOnlyKeys(kari);
    }

    @Test
    void resolveUsersBatchesManySids() throws Exception {
        List<DN> bulk = bulkUsers(250, 50_000);
        List<Sid> sids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            sids.add(new Sid(demo.domainSid().value() + "-" + (50_000 + i)));
        }
        Map<Sid, DN> found = directory.resolveUsers(sids, new OuFilter(List.of(users.toString()), List.of()));
        assertThat(found).hasSize(250);
        assertThat(found.values()).containsExactlyInAnyOrderElementsOf(bulk);
    }

    @Test
    void findsGroupsWrittenBackEarlierForAdoption() throws Exception {
        List<AdGroup> found = directory.findWrittenBackGroups(corp);
        assertThat(found).hasSize(1);
        AdGroup legacy = found.get(0);
        assertThat(legacy.adminDescription()).startsWith("Group_");
        assertThat(legacy.dn().getRDN().getAttributeValues()[0]).isEqualTo(legacy.adminDescription());
        assertThat(legacy.members()).hasSize(2);
    }

    @Test
    void childOrganizationalUnitsListsOneLevel() throws Exception {
        assertThat(directory.childOrganizationalUnits(corp)).containsExactly(cloudGroups,
                new DN("OU=Excluded," + corp), new DN("OU=Groups," + corp), new DN("OU=Service Accounts," + corp),
                users);
        assertThat(directory.childOrganizationalUnits(demo.baseDn()))
                .containsExactly(corp, new DN("CN=Users," + demo.baseDn()));
    }

    @Test
    void collisionWithAnUnmanagedObjectIsNotOverwritten() throws Exception {
        AdGroup existing = directory.readGroup(directory.childOrganizationalUnits(corp).get(0)).orElse(null);
        assertThat(existing).isNull(); // an OU is not a group
        DN unmanaged = demoGroupWithoutAdminDescription();
        assertThatThrownBy(() -> directory.createGroup(new NewGroup(unmanaged, "fresh-sam", -2147483640, "x", null,
                "Group_x", null, null, List.of())))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.getMessage()).startsWith(
                            "an object that group-writeback does not manage already exists: " + unmanaged);
                    assertThat(e.getMessage()).contains("it is not overwritten");
                    assertThat(e.resultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.ALREADY_EXISTS);
                });
        assertThatThrownBy(() -> directory.createGroup(newGroup("Other name", "Facilities-Local")))
                .isInstanceOfSatisfying(DirectoryException.class,
                        e -> assertThat(e.getMessage()).contains("sAMAccountName 'Facilities-Local' is in use"));
    }

    private DN demoGroupWithoutAdminDescription() throws Exception {
        try (var c = demo.connection()) {
            var entries = c.search(cloudGroups.toString(), com.unboundid.ldap.sdk.SearchScope.ONE,
                    "(&(objectClass=group)(!(adminDescription=*)))", "1.1").getSearchEntries();
            assertThat(entries).hasSize(1);
            return entries.get(0).getParsedDN();
        } catch (LDAPException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingOuSaysSo() throws Exception {
        DN missingOu = new DN(new RDN("ou", "Deleted OU"), corp);
        assertThatThrownBy(() -> directory.createGroup(new NewGroup(new DN(new RDN("cn", "G"), missingOu), "g1",
                -2147483640, null, null, null, null, null, List.of())))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(missingOu + " does not exist (was the OU deleted?)");
                    assertThat(e.resultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT);
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.NO_SUCH_OBJECT);
                });
        assertThatThrownBy(() -> directory.resolveUsers(List.of(new Sid("S-1-5-21-1-2-3-1000")),
                new OuFilter(List.of(missingOu.toString()), List.of())))
                .isInstanceOfSatisfying(DirectoryException.class,
                        e -> assertThat(e.getMessage()).contains(missingOu + " does not exist"));
    }

    @Test
    void nameOver64CharactersIsRefusedAsAConstraint() {
        assertThatThrownBy(() -> directory.createGroup(newGroup("n".repeat(65), "long-one")))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.resultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION);
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("64 characters");
                });
    }

    @Test
    void missingRightsNameTheAccountTheOuAndTheFix() throws Exception {
        ObjectGuid guid = directory.createGroup(newGroup("Before", "before"));
        demo.denyWrites(cloudGroups);
        assertThatThrownBy(() -> directory.createGroup(newGroup("Denied", "denied")))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("the sync account " + demo.bindDn() + " may not create groups in "
                            + cloudGroups + ": grant it the rights with `gwb permissions grant`");
                    assertThat(e.resultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS);
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.INSUFFICIENT_RIGHTS);
                });
        DN before = directory.readGroups(List.of(guid)).get(guid).dn();
        assertThatThrownBy(() -> directory.deleteGroup(before))
                .isInstanceOfSatisfying(DirectoryException.class,
                        e -> assertThat(e.getMessage()).contains("may not delete groups in " + cloudGroups));
    }

    @Test
    void wrongPasswordIsReportedWithoutThePassword() throws Exception {
        assertThatThrownBy(() -> LdapDirectory.open(config("Not-The-Password-42")))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("wrong account or password for " + demo.bindDn());
                    assertThat(e.getMessage()).doesNotContain("Not-The-Password-42");
                    assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.INVALID_CREDENTIALS);
                });
    }

    @Test
    void unreachableServerIsReported() throws Exception {
        int port = demo.port();
        demo.stop();
        SyncConfiguration.Directory cfg = new SyncConfiguration.Directory("ldap://127.0.0.1:" + port,
                demo.bindDn().toString(), null, null, null);
        assertThatThrownBy(() -> LdapDirectory.open(cfg, Secret.of("test password", "x".toCharArray())))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.getMessage()).startsWith("cannot reach ldap://127.0.0.1:" + port + ": ");
                    assertThat(e.kind()).isEqualTo(DirectoryException.Kind.UNAVAILABLE);
                });
        demo = DemoDirectory.startDefault(0);
    }

    @Test
    void readGroupOfANonGroupIsEmpty() throws Exception {
        Optional<AdGroup> user = directory.readGroup(new DN("CN=Adele Vance," + users));
        assertThat(user).isEmpty();
        assertThat(directory.readGroups(List.of(ObjectGuid.parse("00000000-0000-0000-0000-000000000001"))))
                .isEmpty();
        assertThat(directory.readGroups(Set.of())).isEmpty();
    }
}
