package org.groupwriteback.engine.ad.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import net.tirasa.adsddl.ntsd.ACE;
import net.tirasa.adsddl.ntsd.SDDL;
import net.tirasa.adsddl.ntsd.data.AceFlag;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.Test;

/** The pure ACL logic: the exact ACEs, where they go in a DACL, and that adding twice changes nothing. */
class DelegationAclTest {
    private static final Sid SVC = new Sid("S-1-5-21-1004336348-1177238915-682003330-1105");
    private static final Sid ADMINS = new Sid("S-1-5-32-544");

    @Test
    void groupClassGuidIsEncodedInAdByteOrder() {
        assertThat(HexFormat.of().formatHex(new ObjectGuid(DelegationAcl.GROUP_CLASS).toBytes()))
                .isEqualTo("9c7a96bfe60dd011a28500aa003049e2");
    }

    @Test
    void requiredAcesCarryTheRightsFlagsAndObjectTypesOfTheDsaclsCommands() {
        List<ACE> aces = DelegationAcl.requiredAces(SVC);
        ACE create = aces.get(0);
        assertThat(create.getRights().asUInt()).isEqualTo(0x3L);
        assertThat(create.getFlags()).containsExactly(AceFlag.CONTAINER_INHERIT_ACE);
        assertThat(create.getObjectType()).isEqualTo(new ObjectGuid(DelegationAcl.GROUP_CLASS).toBytes());
        assertThat(create.getInheritedObjectType()).isNull();
        ACE manage = aces.get(1);
        assertThat(manage.getRights().asUInt()).isEqualTo(0x300FCL);
        assertThat(manage.getFlags()).containsExactlyInAnyOrder(AceFlag.CONTAINER_INHERIT_ACE,
                AceFlag.INHERIT_ONLY_ACE);
        assertThat(manage.getObjectType()).isNull();
        assertThat(manage.getInheritedObjectType()).isEqualTo(new ObjectGuid(DelegationAcl.GROUP_CLASS).toBytes());
        assertThat(create.getSid().toByteArray()).isEqualTo(SVC.toBytes());
    }

    @Test
    void newAcesGoAfterExplicitAndBeforeInheritedAces() {
        byte[] sd = descriptor(
                DelegationAcl.objectAce(ADMINS, 0x10, EnumSet.noneOf(AceFlag.class), null, null),
                DelegationAcl.objectAce(ADMINS, 0x20, EnumSet.of(AceFlag.INHERITED_ACE), null, null));
        DelegationAcl.Result r = DelegationAcl.addDelegation(sd, SVC);
        assertThat(r.acesAdded()).isEqualTo(2);
        List<ACE> aces = new SDDL(r.securityDescriptor()).getDacl().getAces();
        assertThat(aces).hasSize(4);
        assertThat(aces.get(0).getSid().toByteArray()).isEqualTo(ADMINS.toBytes());
        assertThat(aces.get(1).getSid().toByteArray()).isEqualTo(SVC.toBytes());
        assertThat(aces.get(2).getSid().toByteArray()).isEqualTo(SVC.toBytes());
        assertThat(aces.get(3).getFlags()).contains(AceFlag.INHERITED_ACE);
    }

    @Test
    void addingToADescriptorThatAlreadyDelegatesChangesNothing() {
        byte[] once = DelegationAcl.addDelegation(descriptor(), SVC).securityDescriptor();
        DelegationAcl.Result twice = DelegationAcl.addDelegation(once, SVC);
        assertThat(twice.acesAdded()).isZero();
        assertThat(twice.securityDescriptor()).isEqualTo(once);
        assertThat(DelegationAcl.isDelegated(once, SVC)).isTrue();
        assertThat(DelegationAcl.isDelegated(once, ADMINS)).isFalse();
    }

    @Test
    void rightsInheritedFromTheDomainRootCountAsGranted() {
        ACE inheritedCreate = DelegationAcl.objectAce(SVC, 0x3,
                EnumSet.of(AceFlag.CONTAINER_INHERIT_ACE, AceFlag.INHERITED_ACE),
                new ObjectGuid(DelegationAcl.GROUP_CLASS).toBytes(), null);
        ACE inheritedManage = DelegationAcl.objectAce(SVC, 0x300FC, EnumSet.of(AceFlag.CONTAINER_INHERIT_ACE,
                AceFlag.INHERIT_ONLY_ACE, AceFlag.INHERITED_ACE), null,
                new ObjectGuid(DelegationAcl.GROUP_CLASS).toBytes());
        assertThat(DelegationAcl.addDelegation(descriptor(inheritedCreate, inheritedManage), SVC).acesAdded())
                .isZero();
    }

    @Test
    void anInheritOnlyOrNarrowerAceDoesNotCountAsTheCreateRight() {
        byte[] group = new ObjectGuid(DelegationAcl.GROUP_CLASS).toBytes();
        ACE inheritOnly = DelegationAcl.objectAce(SVC, 0x3,
                EnumSet.of(AceFlag.CONTAINER_INHERIT_ACE, AceFlag.INHERIT_ONLY_ACE), group, null);
        ACE createOnly = DelegationAcl.objectAce(SVC, 0x1, EnumSet.of(AceFlag.CONTAINER_INHERIT_ACE), group, null);
        ACE wanted = DelegationAcl.requiredAces(SVC).get(0);
        assertThat(DelegationAcl.covers(inheritOnly, wanted)).isFalse();
        assertThat(DelegationAcl.covers(createOnly, wanted)).isFalse();
        assertThat(DelegationAcl.covers(wanted, wanted)).isTrue();
    }

    @Test
    void requiredSddlMatchesTheDocumentedAces() {
        assertThat(DelegationAcl.requiredSddl(SVC)).containsExactly(
                "(OA;CI;CCDC;bf967a9c-0de6-11d0-a285-00aa003049e2;;" + SVC + ")",
                "(OA;CIIO;RPWPLCLORCSWSDDT;;bf967a9c-0de6-11d0-a285-00aa003049e2;" + SVC + ")");
    }

    /** A DACL-only self-relative descriptor, as AD returns it under SD_FLAGS=4. */
    private static byte[] descriptor(ACE... aces) {
        int aclSize = 8;
        for (ACE a : aces) {
            aclSize += a.getSize();
        }
        ByteBuffer b = ByteBuffer.allocate(20 + aclSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).put((byte) 0).putShort((short) 0x8004).putInt(0).putInt(0).putInt(0).putInt(20);
        b.put((byte) 4).put((byte) 0).putShort((short) aclSize).putShort((short) aces.length).putShort((short) 0);
        for (ACE a : aces) {
            b.put(a.toByteArray());
        }
        return b.array();
    }
}
