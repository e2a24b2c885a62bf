package org.groupwriteback.samba.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import org.groupwriteback.engine.ad.permissions.GrantResult;
import org.groupwriteback.engine.ad.permissions.MissingRight;
import org.groupwriteback.engine.ad.permissions.SyncAccount;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The permissions capability against a real AD (Samba): the sync account cannot write groups until
 * {@link WritebackPermissions#grant} delegates the OU, then only inside it; verify sees the difference.
 * Ordered: the first tests run before the grant, the later ones after it (one DC per class).
 */
@SambaTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PermissionsOnSambaTest {
    private final SambaDc dc;

    PermissionsOnSambaTest(SambaDc dc) {
        this.dc = dc;
    }

    @Test
    @Order(1)
    void beforeGrantTheSyncAccountCannotCreateAGroupInTheOu() throws LDAPException {
        try (LDAPConnection svc = dc.connectService()) {
            assertThatThrownBy(() -> svc.add(group("Before", SambaDc.GROUPS_OU)))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    @Test
    @Order(2)
    void beforeGrantVerifyReportsTheMissingRights() throws Exception {
        try (LDAPConnection svc = dc.connectService()) {
            List<MissingRight> missing = WritebackPermissions.verify(SambaDc.GROUPS_OU, svc);
            assertThat(missing).extracting(MissingRight::kind)
                    .containsExactly(MissingRight.Kind.CREATE_GROUPS, MissingRight.Kind.WRITE_GROUP_ATTRIBUTES);
            assertThat(missing.get(1).attributes()).contains("member", "description", "groupType");
            assertThat(missing.get(0).toString()).isEqualTo("may not create groups in " + SambaDc.GROUPS_OU);
        }
    }

    @Test
    @Order(3)
    void grantResolvesTheAccountByDownLevelNameAndAddsBothAces() throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            GrantResult r = WritebackPermissions.grant(SambaDc.GROUPS_OU, "CORP\\svc-sync", admin);
            assertThat(r.acesAdded()).isEqualTo(2);
            assertThat(r.account().dn()).isEqualTo(SambaDc.SERVICE_DN);
            assertThat(r.account().principalName()).isEqualTo("CORP\\svc-sync");
            byte[] sid = admin.getEntry(SambaDc.SERVICE_DN.toString(), "objectSid").getAttributeValueBytes("objectSid");
            assertThat(r.account().sid().toBytes()).isEqualTo(sid);
            // Samba's own parser sees exactly the ACEs of samba-ad.md section 5 (it re-orders SW after DT)
            String sddl = dc.sddlOf(SambaDc.GROUPS_OU);
            String s = r.account().sid().value();
            assertThat(sddl).contains("(OA;CI;CCDC;bf967a9c-0de6-11d0-a285-00aa003049e2;;" + s + ")")
                    .contains("(OA;CIIO;RPWPLCLORCSDDTSW;;bf967a9c-0de6-11d0-a285-00aa003049e2;" + s + ")");
        }
    }

    @Test
    @Order(4)
    void grantingTwiceAddsNothingAndLeavesTheDescriptorUnchanged() throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            byte[] before = admin.getEntry(SambaDc.GROUPS_OU.toString(), "nTSecurityDescriptor")
                    .getAttributeValueBytes("nTSecurityDescriptor");
            GrantResult byUpn = WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin);
            GrantResult byDn = WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_DN.toString(), admin);
            byte[] after = admin.getEntry(SambaDc.GROUPS_OU.toString(), "nTSecurityDescriptor")
                    .getAttributeValueBytes("nTSecurityDescriptor");
            assertThat(byUpn.changed()).isFalse();
            assertThat(byDn.changed()).isFalse();
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    @Order(5)
    void afterGrantVerifyReportsNothingMissingAndLeavesNoProbeBehind() throws Exception {
        try (LDAPConnection svc = dc.connectService()) {
            assertThat(WritebackPermissions.verify(SambaDc.GROUPS_OU, svc)).isEmpty();
            assertThat(svc.search(SambaDc.GROUPS_OU.toString(), com.unboundid.ldap.sdk.SearchScope.SUB,
                    "(cn=gwb-probe-*)", "1.1").getEntryCount()).isZero();
        }
    }

    @Test
    @Order(6)
    void afterGrantTheSyncAccountManagesGroupsInsideTheOu() throws LDAPException {
        try (LDAPConnection svc = dc.connectService()) {
            Entry g = group("Inside", SambaDc.GROUPS_OU);
            svc.add(g);
            svc.modify(g.getDN(), new Modification(ModificationType.ADD, "member", SambaDc.ALICE_DN.toString()),
                    new Modification(ModificationType.REPLACE, "description", "written by svc-sync"));
            // a group that existed before the grant inherits the rights too
            svc.modify(SambaDc.SEC_UNIVERSAL_DN.toString(),
                    new Modification(ModificationType.REPLACE, "description", "changed"));
            svc.delete(g.getDN());
            assertThat(svc.getEntry(g.getDN())).isNull();
        }
    }

    @Test
    @Order(7)
    void afterGrantTheSyncAccountStillCannotCreateGroupsOutsideTheOuOrUsersInside() throws LDAPException {
        try (LDAPConnection svc = dc.connectService()) {
            assertThatThrownBy(() -> svc.add(group("Outside", SambaDc.OTHER_OU)))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
            Entry user = new Entry(new DN(new RDN("CN", "NotAGroup"), SambaDc.GROUPS_OU),
                    new Attribute("objectClass", "user"), new Attribute("sAMAccountName", "notagroup"));
            assertThatThrownBy(() -> svc.add(user))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        }
    }

    @Test
    @Order(8)
    void verifyOnAnOuThatWasNotGrantedStillReportsIt() throws Exception {
        try (LDAPConnection svc = dc.connectService()) {
            assertThat(WritebackPermissions.verify(SambaDc.OTHER_OU, svc)).extracting(MissingRight::kind)
                    .containsExactly(MissingRight.Kind.CREATE_GROUPS, MissingRight.Kind.GROUP_RIGHTS_NOT_CHECKED);
        }
    }

    @Test
    @Order(9)
    void scriptForTheResolvedAccountNamesOuAndAccount() throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            SyncAccount account = WritebackPermissions.resolveAccount(SambaDc.SERVICE_UPN, admin);
            String script = WritebackPermissions.script(SambaDc.GROUPS_OU, account);
            assertThat(script)
                    .contains("dsacls \"" + SambaDc.GROUPS_OU + "\" /I:T /G \"CORP\\svc-sync:CCDC;group\"")
                    .contains("dsacls \"" + SambaDc.GROUPS_OU + "\" /I:S /G \"CORP\\svc-sync:GRGWSDDT;;group\"")
                    .contains(account.sid().value())
                    .contains("Set-ADSyncUnifiedGroupWritebackPermissions -ADConnectorAccountDN '" + SambaDc.SERVICE_DN);
        }
    }

    @Test
    @Order(10)
    void unknownAccountIsReportedWithWhatToGive() throws LDAPException {
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThatThrownBy(() -> WritebackPermissions.grant(SambaDc.GROUPS_OU, "CORP\\nobody", admin))
                    .hasMessageContaining("'CORP\\nobody' was not found")
                    .hasMessageContaining("DOMAIN\\name");
        }
    }

    @Test
    @Order(11)
    void grantOnTheDomainRootReachesEveryOu() throws Exception {
        try (LDAPConnection admin = dc.connectAdmin(); LDAPConnection svc = dc.connectService()) {
            assertThat(WritebackPermissions.grant(SambaDc.BASE_DN, SambaDc.SERVICE_UPN, admin).acesAdded())
                    .isEqualTo(2);
            assertThat(WritebackPermissions.verify(SambaDc.OTHER_OU, svc)).isEmpty();
            svc.add(group("Now-Outside-Works", SambaDc.OTHER_OU));
            // the OU grant stays in place and is not duplicated by the inherited copy
            assertThat(WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin).acesAdded()).isZero();
        }
    }

    private static Entry group(String name, DN ou) {
        return new Entry(new DN(new RDN("CN", name), ou), new Attribute("objectClass", "group"),
                new Attribute("sAMAccountName", name), new Attribute("groupType", "-2147483640"));
    }
}
