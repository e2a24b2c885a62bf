package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoDirectoryTest {

    private DemoDirectory directory;
    private LDAPConnection service;
    private DN groups;
    private DN users;

    @BeforeEach
    void start() throws LDAPException {
        directory = DemoDirectory.startDefault(0);
        service = new LDAPConnection("127.0.0.1", directory.port(), directory.bindDn().toString(),
                directory.bindPassword());
        groups = new DN("OU=Cloud Groups,OU=Corp," + directory.baseDn());
        users = new DN("OU=Users,OU=Corp," + directory.baseDn());
    }

    @AfterEach
    void stop() {
        service.close();
        directory.stop();
    }

    private Entry group(String cn, String sam) {
        Entry e = new Entry(new DN(new RDN("cn", cn), groups));
        e.addAttribute("objectClass", "top", "group");
        e.addAttribute("cn", cn);
        e.addAttribute("sAMAccountName", sam);
        e.addAttribute("groupType", "-2147483640");
        return e;
    }

    @Test
    void serviceAccountBindsWithThePasswordFromTheLdif() throws LDAPException {
        assertThat(directory.bindDn()).isEqualTo(new DN("CN=svc-gwb,OU=Service Accounts,OU=Corp,DC=fabrikam,DC=local"));
        assertThat(service.isConnected()).isTrue();
        assertThatThrownBy(() -> new LDAPConnection("127.0.0.1", directory.port(), directory.bindDn().toString(),
                "wrong")).isInstanceOfSatisfying(LDAPException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS));
    }

    @Test
    void addGeneratesObjectGuidSidAndUsns() throws LDAPException {
        long before = directory.highestCommittedUsn();
        service.add(group("Generated", "generated"));
        SearchResultEntry e = service.getEntry("CN=Generated," + groups, "*");
        assertThat(e.getAttributeValueBytes("objectGUID")).hasSize(16);
        Sid sid = Sid.fromBytes(e.getAttributeValueBytes("objectSid"));
        assertThat(sid.value()).startsWith(directory.domainSid().value() + "-");
        assertThat(e.getAttributeValueAsLong("uSNCreated")).isGreaterThan(before);
        assertThat(e.getAttributeValueAsLong("uSNChanged")).isEqualTo(e.getAttributeValueAsLong("uSNCreated"));

        service.modify("CN=Generated," + groups, new Modification(ModificationType.REPLACE, "description", "x"));
        SearchResultEntry after = service.getEntry("CN=Generated," + groups, "*");
        assertThat(after.getAttributeValueAsLong("uSNChanged")).isGreaterThan(e.getAttributeValueAsLong("uSNCreated"));
    }

    @Test
    void objectGuidsOfLdifEntriesAreDistinct() throws LDAPException {
        SearchResult all = service.search(directory.baseDn().toString(), SearchScope.SUB,
                Filter.createPresenceFilter("objectGUID"), "objectGUID");
        // Like AD, a subtree search at the domain root also returns a continuation reference.
        assertThat(all.getReferenceCount()).isEqualTo(1);
        assertThat(all.getSearchReferences().get(0).getReferralURLs()[0])
                .isEqualTo("ldap://fabrikam.local/CN=Configuration,DC=fabrikam,DC=local");
        assertThat(all.getEntryCount()).isGreaterThan(30);
        assertThat(all.getSearchEntries().stream()
                .map(x -> java.util.HexFormat.of().formatHex(x.getAttributeValueBytes("objectGUID"))).distinct())
                .hasSize(all.getEntryCount());
    }

    @Test
    void clientSuppliedObjectGuidIsRefused() {
        Entry e = group("WithGuid", "withguid");
        e.addAttribute("objectGUID", new byte[16]);
        assertThatThrownBy(() -> service.add(e)).isInstanceOfSatisfying(LDAPException.class,
                ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
    }

    @Test
    void duplicateSamAccountNameIsRefusedWithEntryAlreadyExistsLikeAd() throws LDAPException {
        service.add(group("First", "dup-name"));
        assertThatThrownBy(() -> service.add(group("Second", "DUP-NAME")))
                .isInstanceOfSatisfying(LDAPException.class, ex -> {
                    assertThat(ex.getResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS);
                    assertThat(ex.getDiagnosticMessage()).contains("00002071").contains("'DUP-NAME' already in use");
                });
        // Users and groups share one namespace, as in AD.
        assertThatThrownBy(() -> service.add(group("Third", "adelev")))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS));
    }

    @Test
    void sidsWhoseBytesDifferOnlyInLetterCaseAreDistinguished() throws LDAPException {
        // RID 0x10441 is stored as bytes 41 04 01 00 ("A"), RID 0x10461 as 61 04 01 00 ("a").
        Sid upper = new Sid(directory.domainSid().value() + "-" + 0x10441);
        Sid lower = new Sid(directory.domainSid().value() + "-" + 0x10461);
        directory.addUser(new DN(new RDN("cn", "Upper Case"), users), upper, "upper");
        directory.addUser(new DN(new RDN("cn", "Lower Case"), users), lower, "lower");

        SearchResult found = service.search(users.toString(), SearchScope.SUB,
                Filter.createEqualityFilter("objectSid", lower.toBytes()), "cn");
        assertThat(found.getSearchEntries()).extracting(x -> x.getAttributeValue("cn")).containsExactly("Lower Case");
        found = service.search(users.toString(), SearchScope.SUB,
                Filter.createEqualityFilter("objectSid", upper.toBytes()), "cn");
        assertThat(found.getSearchEntries()).extracting(x -> x.getAttributeValue("cn")).containsExactly("Upper Case");
    }

    @Test
    void nameLongerThan64CharactersIsAConstraintViolation() {
        String cn = "x".repeat(65);
        assertThatThrownBy(() -> service.add(group(cn, "long")))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION));
    }

    @Test
    void renameToALongNameIsAConstraintViolationAndOldRdnMustBeDeleted() throws LDAPException {
        service.add(group("Short", "short"));
        String dn = "CN=Short," + groups;
        assertThatThrownBy(() -> service.modifyDN(dn, "CN=" + "y".repeat(65), true))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.CONSTRAINT_VIOLATION));
        assertThatThrownBy(() -> service.modifyDN(new ModifyDNRequest(dn, "CN=Other", false)))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
    }

    @Test
    void deletingANonLeafIsRefused() {
        assertThatThrownBy(() -> service.delete("OU=Users,OU=Corp," + directory.baseDn()))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.NOT_ALLOWED_ON_NONLEAF));
    }

    @Test
    void membersMustExist() throws LDAPException {
        Entry e = group("Members", "members");
        e.addAttribute("member", "CN=Nobody," + users);
        assertThatThrownBy(() -> service.add(e)).isInstanceOfSatisfying(LDAPException.class,
                ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
        service.add(group("Members", "members"));
        assertThatThrownBy(() -> service.modify("CN=Members," + groups,
                new Modification(ModificationType.ADD, "member", "CN=Nobody," + users)))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.NO_SUCH_OBJECT));
    }

    @Test
    void rangeRetrievalAnswersLikeAdAndSamba() throws LDAPException {
        List<String> members = new ArrayList<>();
        try (LDAPConnection admin = directory.connection()) {
            for (int i = 0; i < 40; i++) {
                DN dn = new DN(new RDN("cn", "Bulk " + i), users);
                directory.addUser(dn, new Sid(directory.domainSid().value() + "-" + (20_000 + i)), "bulk" + i);
                members.add(dn.toString());
            }
            Entry g = group("Ranged", "ranged");
            g.addAttribute(new Attribute("member", members));
            admin.add(g);
        }
        String dn = "CN=Ranged," + groups;
        // Samba-like default: plain member is unranged; explicit ranges are honoured.
        assertThat(service.getEntry(dn, "member").getAttributeValues("member")).hasSize(40);
        SearchResultEntry first = service.getEntry(dn, "member;range=0-9");
        assertThat(first.getAttribute("member;range=0-9").getValues()).hasSize(10);
        SearchResultEntry rest = service.getEntry(dn, "member;range=10-*");
        assertThat(rest.getAttribute("member;range=10-*").getValues()).hasSize(30);
        SearchResultEntry beyond = service.getEntry(dn, "member;range=35-100");
        assertThat(beyond.getAttribute("member;range=35-*").getValues()).hasSize(5);
        assertThat(service.getEntry(dn, "member;range=40-*").hasAttribute("member")).isFalse();

        // Windows-like: an unranged read of a group larger than MaxValRange comes back ranged.
        directory.setMaxValRange(15);
        SearchResultEntry windows = service.getEntry(dn, "member");
        assertThat(windows.getAttribute("member;range=0-14").getValues()).hasSize(15);
        assertThat(windows.getAttribute("member")).isNull();
    }

    @Test
    void deniedSubtreeRefusesTheServiceAccountWithInsufficientAccessRights() throws LDAPException {
        directory.denyWrites(groups);
        assertThatThrownBy(() -> service.add(group("Denied", "denied")))
                .isInstanceOfSatisfying(LDAPException.class,
                        ex -> assertThat(ex.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        directory.allowAllWrites();
        service.add(group("Denied", "denied"));
        assertThat(service.getEntry("CN=Denied," + groups)).isNotNull();
    }

    @Test
    void renameKeepsObjectGuidAndUpdatesUsnAndReferences() throws LDAPException {
        service.add(group("Inner", "inner"));
        Entry outer = group("Outer", "outer");
        outer.addAttribute("member", "CN=Inner," + groups);
        service.add(outer);
        byte[] guid = service.getEntry("CN=Inner," + groups, "objectGUID").getAttributeValueBytes("objectGUID");
        long usn = service.getEntry("CN=Inner," + groups, "uSNChanged").getAttributeValueAsLong("uSNChanged");
        service.modifyDN("CN=Inner," + groups, "CN=Inner Renamed", true);
        SearchResultEntry renamed = service.getEntry("CN=Inner Renamed," + groups, "objectGUID", "uSNChanged", "name");
        assertThat(renamed.getAttributeValueBytes("objectGUID")).isEqualTo(guid);
        assertThat(renamed.getAttributeValueAsLong("uSNChanged")).isGreaterThan(usn);
        assertThat(renamed.getAttributeValue("name")).isEqualTo("Inner Renamed");
        assertThat(service.getEntry("CN=Outer," + groups, "member").getAttributeValue("member"))
                .isEqualToIgnoringCase("CN=Inner Renamed," + groups);
    }
}
