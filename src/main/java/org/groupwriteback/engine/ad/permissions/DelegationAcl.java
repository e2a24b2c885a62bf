package org.groupwriteback.engine.ad.permissions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.tirasa.adsddl.ntsd.ACE;
import net.tirasa.adsddl.ntsd.ACL;
import net.tirasa.adsddl.ntsd.SDDL;
import net.tirasa.adsddl.ntsd.data.AceFlag;
import net.tirasa.adsddl.ntsd.data.AceType;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;

/**
 * The two object ACEs that delegate group writeback on an OU (what Connect's
 * {@code Set-ADSyncUnifiedGroupWritebackPermissions} sets with dsacls), and the pure logic that adds them to a
 * security descriptor read from AD. Security descriptors are parsed and written with {@code net.tirasa:adsddl}.
 * Stateless and thread-safe.
 */
public final class DelegationAcl {
    /** schemaIDGUID of the {@code group} class. */
    public static final UUID GROUP_CLASS = UUID.fromString("bf967a9c-0de6-11d0-a285-00aa003049e2");

    // ACCESS_MASK bits for directory objects (MS-ADTS 5.1.3.2)
    static final int CREATE_CHILD = 0x1;
    static final int DELETE_CHILD = 0x2;
    static final int LIST_CHILDREN = 0x4;
    static final int SELF_WRITE = 0x8;
    static final int READ_PROPERTY = 0x10;
    static final int WRITE_PROPERTY = 0x20;
    static final int DELETE_TREE = 0x40;
    static final int LIST_OBJECT = 0x80;
    static final int DELETE = 0x10000;
    static final int READ_CONTROL = 0x20000;

    /** {@code CCDC} on child class group: create and delete group objects (this OU and sub-OUs). */
    static final int CREATE_DELETE_GROUPS = CREATE_CHILD | DELETE_CHILD;
    /** {@code RPWPLCLORCSWSDDT}, inherit-only onto group objects: read/write all properties, delete. */
    static final int MANAGE_GROUPS = READ_PROPERTY | WRITE_PROPERTY | LIST_CHILDREN | LIST_OBJECT | READ_CONTROL
            | SELF_WRITE | DELETE | DELETE_TREE;

    private static final int ACE_OBJECT_TYPE_PRESENT = 0x1;
    private static final int ACE_INHERITED_OBJECT_TYPE_PRESENT = 0x2;
    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;

    private DelegationAcl() {
    }

    /** The ACEs that grant {@code account} group writeback on the object they are set on, in SDDL order. */
    public static List<ACE> requiredAces(Sid account) {
        byte[] group = new ObjectGuid(GROUP_CLASS).toBytes();
        return List.of(
                objectAce(account, CREATE_DELETE_GROUPS, EnumSet.of(AceFlag.CONTAINER_INHERIT_ACE), group, null),
                objectAce(account, MANAGE_GROUPS,
                        EnumSet.of(AceFlag.CONTAINER_INHERIT_ACE, AceFlag.INHERIT_ONLY_ACE), null, group));
    }

    /** The same two ACEs in SDDL, as {@code samba-tool dsacl set --sddl} and the docs show them. */
    public static List<String> requiredSddl(Sid account) {
        return List.of("(OA;CI;CCDC;" + GROUP_CLASS + ";;" + account + ")",
                "(OA;CIIO;RPWPLCLORCSWSDDT;;" + GROUP_CLASS + ";" + account + ")");
    }

    /**
     * Returns a copy of the self-relative security descriptor {@code sd} whose DACL also holds the delegation ACEs
     * for {@code account}; ACEs already granted (explicitly or inherited) are not added again, so the result equals
     * {@code sd} when nothing is missing. New ACEs go after the explicit ones and before the inherited ones
     * (canonical order).
     */
    public static Result addDelegation(byte[] sd, Sid account) {
        SDDL descriptor = new SDDL(sd);
        ACL dacl = descriptor.getDacl();
        if (dacl == null) {
            throw new IllegalArgumentException("the security descriptor has no DACL; read it with SD_FLAGS=4");
        }
        List<ACE> aces = dacl.getAces();
        int added = 0;
        for (ACE wanted : requiredAces(account)) {
            if (aces.stream().noneMatch(existing -> covers(existing, wanted))) {
                int firstInherited = 0;
                while (firstInherited < aces.size()
                        && !aces.get(firstInherited).getFlags().contains(AceFlag.INHERITED_ACE)) {
                    firstInherited++;
                }
                aces.add(firstInherited, wanted);
                added++;
            }
        }
        return new Result(added == 0 ? sd.clone() : descriptor.toByteArray(), added);
    }

    /** The DACL of {@code sd} after {@link #addDelegation}, and how many ACEs were added (0 = already delegated). */
    public record Result(byte[] securityDescriptor, int acesAdded) {
    }

    /** True when the DACL of {@code sd} already grants everything {@link #requiredAces} grant to {@code account}. */
    public static boolean isDelegated(byte[] sd, Sid account) {
        return addDelegation(sd, account).acesAdded() == 0;
    }

    /**
     * True when {@code existing} grants at least what {@code wanted} grants: an allow object ACE for the same SID
     * with a superset of rights, the same object types, and inheritance that reaches the same objects.
     */
    static boolean covers(ACE existing, ACE wanted) {
        if (existing.getType() != AceType.ACCESS_ALLOWED_OBJECT_ACE_TYPE || !existing.getSid().equals(wanted.getSid())) {
            return false;
        }
        long have = existing.getRights().asUInt();
        long need = wanted.getRights().asUInt();
        if ((have & need) != need) {
            return false;
        }
        if (!Arrays.equals(existing.getObjectType(), wanted.getObjectType())
                || !Arrays.equals(existing.getInheritedObjectType(), wanted.getInheritedObjectType())) {
            return false;
        }
        Set<AceFlag> flags = existing.getFlags().isEmpty() ? EnumSet.noneOf(AceFlag.class)
                : EnumSet.copyOf(existing.getFlags());
        if (!flags.contains(AceFlag.CONTAINER_INHERIT_ACE) || flags.contains(AceFlag.NO_PROPAGATE_INHERIT_ACE)) {
            return false;
        }
        // an inherit-only ACE does not apply to the OU itself, so it cannot stand in for one that must
        return wanted.getFlags().contains(AceFlag.INHERIT_ONLY_ACE) || !flags.contains(AceFlag.INHERIT_ONLY_ACE);
    }

    /**
     * Builds an ACCESS_ALLOWED_OBJECT ACE. adsddl 1.9's {@code ACE.newInstance} leaves the flag list null (so
     * {@code addFlag} throws), hence the ACE is encoded here (MS-DTYP 2.4.4.3) and parsed back by adsddl.
     */
    static ACE objectAce(Sid sid, int mask, Set<AceFlag> flags, byte[] objectType, byte[] inheritedObjectType) {
        byte[] sidBytes = sid.toBytes();
        int size = 8 + 4 + (objectType == null ? 0 : 16) + (inheritedObjectType == null ? 0 : 16) + sidBytes.length;
        ByteBuffer ace = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        byte flagBits = 0;
        for (AceFlag f : flags) {
            flagBits |= f.getValue();
        }
        ace.put(AceType.ACCESS_ALLOWED_OBJECT_ACE_TYPE.getValue()).put(flagBits).putShort((short) size).putInt(mask);
        ace.putInt((objectType == null ? 0 : ACE_OBJECT_TYPE_PRESENT)
                | (inheritedObjectType == null ? 0 : ACE_INHERITED_OBJECT_TYPE_PRESENT));
        if (objectType != null) {
            ace.put(objectType);
        }
        if (inheritedObjectType != null) {
            ace.put(inheritedObjectType);
        }
        ace.put(sidBytes);
        return parseAces(List.of(ace.array())).get(0);
    }

    /** Wraps encoded ACEs in a DACL-only self-relative security descriptor and lets adsddl parse it. */
    private static List<ACE> parseAces(List<byte[]> encoded) {
        int aclSize = 8 + encoded.stream().mapToInt(a -> a.length).sum();
        ByteBuffer sd = ByteBuffer.allocate(20 + aclSize).order(ByteOrder.LITTLE_ENDIAN);
        sd.put((byte) 1).put((byte) 0).putShort((short) (SE_DACL_PRESENT | SE_SELF_RELATIVE));
        sd.putInt(0).putInt(0).putInt(0).putInt(20);
        sd.put((byte) 4).put((byte) 0).putShort((short) aclSize).putShort((short) encoded.size()).putShort((short) 0);
        encoded.forEach(sd::put);
        return new ArrayList<>(new SDDL(sd.array()).getDacl().getAces());
    }
}
