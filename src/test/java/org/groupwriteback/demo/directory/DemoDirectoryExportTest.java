package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.Test;

/** An AD export as ldifde writes it loads as is, and gets a sync account to bind as. */
class DemoDirectoryExportTest {

    private static final String DOMAIN_SID = "S-1-5-21-1004336348-1177238915-682003330";
    private static final byte[] MEGAN_GUID = {0x3f, 0x2a, (byte) 0x9b, 0x11, 0x04, (byte) 0xd2, 0x4e, 0x41,
        (byte) 0x8a, 0x1c, 0x00, (byte) 0xfe, 0x7d, 0x5b, 0x61, 0x09};

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String sid(int rid) {
        return b64(new Sid(DOMAIN_SID + "-" + rid).toBytes());
    }

    /** What {@code ldifde -f export.ldf -d DC=contoso,DC=com} writes, shortened: no passwords, AD's own attributes. */
    static String ldifdeExport(boolean withUsersContainer) {
        String base = "DC=contoso,DC=com";
        String users = withUsersContainer ? """
                dn: CN=Users,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: container
                cn: Users
                description: Default container for upgraded user accounts
                distinguishedName: CN=Users,DC=contoso,DC=com
                instanceType: 4
                whenCreated: 20240101120000.0Z
                whenChanged: 20240101120000.0Z
                uSNCreated: 5660
                uSNChanged: 5660
                showInAdvancedViewOnly: FALSE
                name: Users
                objectGUID:: hTb2HhFFm0uzS3mjlCm5mw==
                systemFlags: -1946157056
                objectCategory: CN=Container,CN=Schema,CN=Configuration,DC=contoso,DC=com
                isCriticalSystemObject: TRUE
                dSCorePropagationData: 20240101120100.0Z
                dSCorePropagationData: 16010101000001.0Z

                """ : "";
        return """
                dn: DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: domain
                objectClass: domainDNS
                distinguishedName: DC=contoso,DC=com
                instanceType: 5
                whenCreated: 20240101115900.0Z
                whenChanged: 20240301090000.0Z
                subRefs: DC=ForestDnsZones,DC=contoso,DC=com
                uSNCreated: 4099
                uSNChanged: 94250
                name: contoso
                objectGUID:: 8Q3yQqSPJUaZ3VgHKmvS7g==
                creationTime: 133541208000000000
                forceLogoff: -9223372036854775808
                lockoutDuration: -18000000000
                maxPwdAge: -36288000000000
                minPwdLength: 7
                nextRid: 1000
                objectSid:: %s
                wellKnownObjects: B:32:A9D1CA15768811D1ADED00C04FD8D5CD:CN=Users,DC=contoso,DC=com
                gPLink: [LDAP://CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,DC=com;0]
                objectCategory: CN=Domain-DNS,CN=Schema,CN=Configuration,DC=contoso,DC=com
                isCriticalSystemObject: TRUE
                dSCorePropagationData: 16010101000000.0Z
                ms-DS-MachineAccountQuota: 10
                msDS-Behavior-Version: 7
                msDS-IsDomainFor: CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=contoso,DC=com
                dc: contoso

                %sdn: CN=Builtin,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: builtinDomain
                cn: Builtin
                instanceType: 4
                objectSid:: AQEAAAAAAAUgAAAA
                isCriticalSystemObject: TRUE

                dn: CN=NTDS Quotas,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: msDS-QuotaContainer
                cn: NTDS Quotas
                description: Quota specifications container
                msDS-TombstoneQuotaFactor: 100

                dn: OU=Staff,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: organizationalUnit
                ou: Staff
                distinguishedName: OU=Staff,DC=contoso,DC=com
                instanceType: 4
                uSNCreated: 12801
                uSNChanged: 12802
                name: Staff
                objectCategory: CN=Organizational-Unit,CN=Schema,CN=Configuration,DC=contoso,DC=com

                dn: CN=Megan Bowen,OU=Staff,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: person
                objectClass: organizationalPerson
                objectClass: user
                cn: Megan Bowen
                sn: Bowen
                givenName: Megan
                distinguishedName: CN=Megan Bowen,OU=Staff,DC=contoso,DC=com
                instanceType: 4
                whenCreated: 20240102080000.0Z
                displayName: Megan Bowen
                uSNCreated: 12810
                memberOf: CN=Staff All,OU=Staff,DC=contoso,DC=com
                uSNChanged: 12830
                name: Megan Bowen
                objectGUID:: %s
                userAccountControl: 512
                badPwdCount: 0
                codePage: 0
                countryCode: 0
                badPasswordTime: 0
                lastLogoff: 0
                lastLogon: 133541300000000000
                pwdLastSet: 133541208000000000
                primaryGroupID: 513
                objectSid:: %s
                accountExpires: 9223372036854775807
                logonCount: 3
                sAMAccountName: meganb
                sAMAccountType: 805306368
                userPrincipalName: meganb@contoso.com
                objectCategory: CN=Person,CN=Schema,CN=Configuration,DC=contoso,DC=com
                dSCorePropagationData: 16010101000000.0Z
                lastLogonTimestamp: 133541300000000000
                mS-DS-ConsistencyGuid:: %s

                dn: CN=WS-0042,OU=Staff,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: person
                objectClass: organizationalPerson
                objectClass: user
                objectClass: computer
                cn: WS-0042
                distinguishedName: CN=WS-0042,OU=Staff,DC=contoso,DC=com
                instanceType: 4
                name: WS-0042
                userAccountControl: 4096
                primaryGroupID: 515
                objectSid:: %s
                sAMAccountName: WS-0042$
                sAMAccountType: 805306369
                operatingSystem: Windows 11 Enterprise
                operatingSystemVersion: 10.0 (22631)
                dNSHostName: WS-0042.contoso.com
                servicePrincipalName: HOST/WS-0042
                servicePrincipalName: HOST/WS-0042.contoso.com
                objectCategory: CN=Computer,CN=Schema,CN=Configuration,DC=contoso,DC=com
                msDS-SupportedEncryptionTypes: 28

                dn: CN=Staff All,OU=Staff,DC=contoso,DC=com
                changetype: add
                objectClass: top
                objectClass: group
                cn: Staff All
                member: CN=Megan Bowen,OU=Staff,DC=contoso,DC=com
                distinguishedName: CN=Staff All,OU=Staff,DC=contoso,DC=com
                instanceType: 4
                name: Staff All
                objectSid:: %s
                sAMAccountName: Staff All
                sAMAccountType: 268435456
                groupType: -2147483646
                objectCategory: CN=Group,CN=Schema,CN=Configuration,DC=contoso,DC=com

                """.formatted(b64(new Sid(DOMAIN_SID).toBytes()), users, b64(MEGAN_GUID), sid(1103),
                b64(MEGAN_GUID), sid(1104), sid(1105)).replace("DC=contoso,DC=com", base);
    }

    private static DemoDirectory load(String ldif) throws LDAPException {
        return DemoDirectory.start(new ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)), 0,
                DemoDirectory.Transport.LDAP, null);
    }

    @Test
    void ldifdeExportLoadsWithTheDomainHierarchyAndOperationalAttributes() throws LDAPException {
        try (DemoDirectory d = load(ldifdeExport(true)); LDAPConnection c = d.connection()) {
            assertThat(d.baseDn()).isEqualTo(new DN("DC=contoso,DC=com"));
            assertThat(d.domainSid().value()).isEqualTo(DOMAIN_SID);
            SearchResultEntry domain = c.getEntry("DC=contoso,DC=com", "objectClass", "instanceType", "gPLink");
            assertThat(domain.getObjectClassValues()).containsExactly("top", "domain", "domainDNS");
            assertThat(domain.getAttributeValue("instanceType")).isEqualTo("5");
            assertThat(domain.getAttributeValue("gPLink")).contains("CN=Policies");

            SearchResultEntry megan = c.getEntry("CN=Megan Bowen,OU=Staff,DC=contoso,DC=com", "*");
            assertThat(megan.getAttributeValueBytes("objectGUID")).isEqualTo(MEGAN_GUID);
            assertThat(Sid.fromBytes(megan.getAttributeValueBytes("objectSid")).value()).isEqualTo(DOMAIN_SID + "-1103");
            assertThat(megan.getAttributeValueBytes("mS-DS-ConsistencyGuid")).isEqualTo(MEGAN_GUID);
            assertThat(megan.getAttributeValue("lastLogonTimestamp")).isEqualTo("133541300000000000");
            assertThat(megan.getAttributeValue("uSNCreated")).isEqualTo("12810");
            // AD's back link and the DN-as-attribute are computed, not stored; uSNChanged is the server's own.
            assertThat(megan.hasAttribute("memberOf")).isFalse();
            assertThat(megan.hasAttribute("distinguishedName")).isFalse();
            assertThat(megan.getAttributeValueAsLong("uSNChanged")).isGreaterThan(94250L);
            assertThat(d.highestCommittedUsn()).isGreaterThan(94250L);

            assertThat(c.getEntry("CN=NTDS Quotas,DC=contoso,DC=com", "msDS-TombstoneQuotaFactor")
                    .getAttributeValue("msDS-TombstoneQuotaFactor")).isEqualTo("100");
            assertThat(c.getEntry("CN=Staff All,OU=Staff,DC=contoso,DC=com", "member").getAttributeValue("member"))
                    .isEqualTo("CN=Megan Bowen,OU=Staff,DC=contoso,DC=com");
        }
    }

    @Test
    void computersAreFoundByTheirSidLikeUsers() throws LDAPException {
        try (DemoDirectory d = load(ldifdeExport(true)); LDAPConnection c = d.connection()) {
            byte[] sid = new Sid(DOMAIN_SID + "-1104").toBytes();
            var found = c.search("DC=contoso,DC=com", SearchScope.SUB, Filter.createEqualityFilter("objectSid", sid),
                    "objectClass", "sAMAccountName").getSearchEntries();
            assertThat(found).singleElement().satisfies(e -> {
                assertThat(e.getDN()).isEqualTo("CN=WS-0042,OU=Staff,DC=contoso,DC=com");
                assertThat(e.hasObjectClass("computer")).isTrue();
            });
        }
    }

    @Test
    void newComputerGetsAServerStampedSidAndTheMachineAccountType() throws LDAPException {
        try (DemoDirectory d = load(ldifdeExport(true)); LDAPConnection c = d.connection()) {
            Entry pc = new Entry("CN=WS-0043,OU=Staff,DC=contoso,DC=com");
            pc.addAttribute("objectClass", "top", "person", "organizationalPerson", "user", "computer");
            pc.addAttribute("cn", "WS-0043");
            pc.addAttribute("sAMAccountName", "WS-0043$");
            c.add(pc);
            SearchResultEntry e = c.getEntry(pc.getDN(), "objectSid", "sAMAccountType");
            assertThat(Sid.fromBytes(e.getAttributeValueBytes("objectSid")).value())
                    .startsWith(DOMAIN_SID + "-").isNotEqualTo(DOMAIN_SID + "-1104");
            assertThat(e.getAttributeValue("sAMAccountType")).isEqualTo("805306369");
        }
    }

    @Test
    void exportWithoutPasswordsGetsASyncAccountInUsersWithARandomPassword() throws LDAPException {
        String first;
        try (DemoDirectory d = load(ldifdeExport(true))) {
            first = d.bindPassword();
            assertThat(d.bindDn()).isEqualTo(new DN("CN=gwb-sync,CN=Users,DC=contoso,DC=com"));
            assertThat(d.bindPassword()).hasSizeGreaterThanOrEqualTo(20);
            try (LDAPConnection bound = new LDAPConnection("127.0.0.1", d.port(), d.bindDn().toString(),
                    d.bindPassword())) {
                SearchResultEntry account = bound.getEntry(d.bindDn().toString(), "objectSid", "sAMAccountName");
                assertThat(account.getAttributeValue("sAMAccountName")).isEqualTo("gwb-sync");
                long rid = Long.parseLong(Sid.fromBytes(account.getAttributeValueBytes("objectSid")).value()
                        .substring(DOMAIN_SID.length() + 1));
                assertThat(rid).isGreaterThan(1105);
            }
        }
        try (DemoDirectory other = load(ldifdeExport(true))) {
            assertThat(other.bindPassword()).as("a new random password per start").isNotEqualTo(first);
        }
    }

    @Test
    void exportWithoutAUsersContainerGetsTheSyncAccountBelowTheDomain() throws LDAPException {
        try (DemoDirectory d = load(ldifdeExport(false));
                LDAPConnection bound = new LDAPConnection("127.0.0.1", d.port(), d.bindDn().toString(),
                        d.bindPassword())) {
            assertThat(d.bindDn()).isEqualTo(new DN("CN=gwb-sync,DC=contoso,DC=com"));
            assertThat(bound.isConnected()).isTrue();
        }
    }

    @Test
    void ldapsearchStyleEntriesInAnyOrderLoadParentsFirst() throws LDAPException {
        String plain = ldifdeExport(true).replace("changetype: add\n", "");
        String[] blocks = plain.split("\n\n");
        StringBuilder reversed = new StringBuilder();
        for (int i = blocks.length - 1; i >= 0; i--) {
            reversed.append(blocks[i].strip()).append("\n\n");
        }
        try (DemoDirectory d = load(reversed.toString()); LDAPConnection c = d.connection()) {
            assertThat(d.baseDn()).isEqualTo(new DN("DC=contoso,DC=com"));
            assertThat(c.getEntry("CN=WS-0042,OU=Staff,DC=contoso,DC=com")).isNotNull();
        }
    }
}
