package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.Collection;
import java.util.List;
import org.groupwriteback.engine.ad.DirectoryErrors.Operation;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group-object writes of {@link LdapDirectory}: create (with its initial members when AD accepts them,
 * else members in batches afterwards), rename and move, never overwriting an object the engine does not manage.
 */
final class GroupWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupWriter.class);

    private final LDAPConnectionPool pool;
    private final DirectoryErrors errors;
    private final EntryReader reader;
    private final MemberWriter members;

    GroupWriter(LDAPConnectionPool pool, DirectoryErrors errors, EntryReader reader, MemberWriter members) {
        this.pool = pool;
        this.errors = errors;
        this.reader = reader;
        this.members = members;
    }

    /** Creates {@code group}, with {@code initialMembers} in the same add when AD takes them; returns its objectGUID. */
    ObjectGuid create(NewGroup group, Collection<DN> initialMembers) throws DirectoryException {
        DN dn = group.dn();
        Entry e = new Entry(AdDn.wire(dn));
        e.addAttribute("objectClass", "top", "group");
        RDN rdn = dn.getRDN();
        for (int i = 0; i < rdn.getAttributeNames().length; i++) {
            e.addAttribute(rdn.getAttributeNames()[i], rdn.getAttributeValues()[i]);
        }
        e.addAttribute("sAMAccountName", group.samAccountName());
        e.addAttribute("groupType", Integer.toString(group.groupType()));
        addIfPresent(e, "displayName", group.displayName());
        addIfPresent(e, "description", group.description());
        addIfPresent(e, "adminDescription", group.adminDescription());
        addIfPresent(e, "mail", group.mail());
        addIfPresent(e, "mailNickname", group.mailNickname());
        if (!group.proxyAddresses().isEmpty()) {
            e.addAttribute("proxyAddresses", group.proxyAddresses());
        }
        group.exchangeAttributes().forEach(e::addAttribute);
        if (!initialMembers.isEmpty()) {
            e.addAttribute(EntryReader.MEMBER, initialMembers.stream().map(AdDn::wire).distinct().toList());
        }
        try {
            pool.add(e);
        } catch (LDAPException ex) {
            if (!initialMembers.isEmpty() && ex.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS
                    && (ex.getResultCode() == ResultCode.NO_SUCH_OBJECT
                    || ex.getResultCode() == ResultCode.CONSTRAINT_VIOLATION
                    || ex.getResultCode() == ResultCode.UNWILLING_TO_PERFORM)) {
                // A member value was refused (e.g. a member deleted meanwhile): create, then write the members
                // in batches, which skip the stale value and name it.
                LOG.debug("create of {} with {} members refused ({}); creating it first", dn, initialMembers.size(),
                        ex.getResultCode());
                ObjectGuid guid = create(group, List.of());
                try {
                    members.write(dn, initialMembers, ModificationType.ADD);
                } catch (DirectoryException refused) {
                    // The group exists now and must be anchored; the next cycle plans the missing members again.
                    LOG.warn("created {} but not all its members: {}", dn, refused.getMessage());
                }
                return guid;
            }
            if (ex.getResultCode() == ResultCode.ENTRY_ALREADY_EXISTS) {
                throw new DirectoryException("an object that group-writeback does not manage already exists: " + dn
                        + " (or sAMAccountName '" + group.samAccountName() + "' is in use); it is not overwritten",
                        ex.getResultCode(), dn.toString(), ex);
            }
            throw errors.failure(ex, Operation.CREATE, dn);
        }
        try {
            SearchResultEntry created = pool.getEntry(AdDn.wire(dn), "objectGUID");
            byte[] guid = created == null ? null : created.getAttributeValueBytes("objectGUID");
            if (guid == null) {
                throw new DirectoryException("created " + dn + " but cannot read its objectGUID: grant "
                        + errors.bindDn() + " read access to group properties", Kind.INSUFFICIENT_RIGHTS, null, dn.toString(), null);
            }
            ObjectGuid id = ObjectGuid.fromBytes(guid);
            LOG.debug("created group {} (objectGUID {}) with {} member(s)", dn, id, initialMembers.size());
            return id;
        } catch (LDAPException ex) {
            throw errors.failure(ex, Operation.READ, dn);
        }
    }

    private static void addIfPresent(Entry e, String attribute, String value) {
        if (value != null && !value.isEmpty()) {
            e.addAttribute(attribute, value);
        }
    }

    /** Renames and/or moves {@code current} (see {@link Directory#moveOrRename}); returns the new DN. */
    DN moveOrRename(DN current, RDN newRdn, DN newParent) throws DirectoryException {
        DN parent = newParent == null ? current.getParent() : newParent;
        DN target = new DN(newRdn, parent);
        if (target.toString().equals(current.toString())) {
            return current;
        }
        DN superior = parent.equals(current.getParent()) ? null : parent;
        try {
            pool.modifyDN(new ModifyDNRequest(AdDn.wire(current), AdDn.wire(newRdn), true,
                    superior == null ? null : AdDn.wire(superior)));
            LOG.debug("moved/renamed {} to {}", current, target);
            return target;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM && target.equals(current)) {
                // A rename that only changes letter case: AD does it in one step, but some servers (the
                // UnboundID in-memory server, some LDAP proxies) answer "the new DN is the same". Go
                // through a temporary name; the next cycle finishes the job if the second step fails.
                return renameThroughTemporaryName(current, newRdn, target);
            }
            if (e.getResultCode() == ResultCode.ENTRY_ALREADY_EXISTS) {
                throw new DirectoryException("cannot rename " + current + " to " + target
                        + ": an object that group-writeback does not manage already has that name; it is not overwritten",
                        e.getResultCode(), current.toString(), e);
            }
            // Windows answers 32 for a missing new parent, Samba 80 ("parent does not exist"): check it either way,
            // so a target OU that was renamed or deleted is named instead of looking like a lost connection.
            if ((e.getResultCode() == ResultCode.NO_SUCH_OBJECT || e.getResultCode() == ResultCode.OTHER)
                    && superior != null && !reader.exists(superior)) {
                throw new DirectoryException("cannot move " + current + ": " + superior
                        + " does not exist (was the OU deleted, renamed or moved?)", DirectoryException.Kind.NO_SUCH_OBJECT,
                        e.getResultCode(), superior.toString(), e);
            }
            throw errors.failure(e, Operation.RENAME, current);
        }
    }

    private DN renameThroughTemporaryName(DN current, RDN newRdn, DN target) throws DirectoryException {
        RDN temporary = new RDN("CN", "gwb-rename-" + java.util.UUID.randomUUID());
        DN step = new DN(temporary, current.getParent());
        try {
            pool.modifyDN(new ModifyDNRequest(AdDn.wire(current), AdDn.wire(temporary), true));
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.RENAME, current);
        }
        try {
            pool.modifyDN(new ModifyDNRequest(AdDn.wire(step), AdDn.wire(newRdn), true));
            LOG.info("renamed {} to {} (letter case only, through a temporary name)", current, target);
            return target;
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.RENAME, step);
        }
    }
}
