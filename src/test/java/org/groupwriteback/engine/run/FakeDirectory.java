package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;

/** An in-memory {@link Directory} for cycle tests: groups by DN, a write log, and injectable failures. */
public final class FakeDirectory implements Directory {
    /** Thrown to simulate the engine process dying right after an LDAP write. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    public static final class Entry {
        public ObjectGuid guid;
        public DN dn;
        String displayName;
        String adminDescription;
        int groupType;
        String sam;
        public Set<DN> members = new LinkedHashSet<>();

        AdGroup toGroup() {
            return new AdGroup(guid, dn, null, sam, groupType, displayName, null, adminDescription, null, null,
                    List.of(), members);
        }
    }

    public final Map<DN, Entry> entries = new LinkedHashMap<>();
    public final Map<Sid, DN> users = new HashMap<>();
    /** Every write, in order: "create CN=..", "addMembers CN=.. [..]". */
    public final List<String> writes = new ArrayList<>();
    /** Writes that fail: key "op dn" (op as in {@link #writes}) -> result code. */
    public final Map<String, ResultCode> failures = new HashMap<>();
    DirectoryException testFailure;
    boolean crashAfterNextCreate;
    /** The next create is done, but its answer is lost: the connection drops (server down) as AD replies. */
    boolean loseAnswerOfNextCreate;

    Entry put(DN dn, String displayName, String adminDescription) {
        Entry e = new Entry();
        e.guid = new ObjectGuid(UUID.randomUUID());
        e.dn = dn;
        e.displayName = displayName;
        e.adminDescription = adminDescription;
        e.sam = "x" + entries.size();
        entries.put(dn, e);
        return e;
    }

    private void check(String op, DN dn) throws DirectoryException {
        ResultCode rc = failures.get(op + " " + dn);
        if (rc != null) {
            throw new DirectoryException(op + " of " + dn + " failed: " + rc.getName(), rc, dn.toString(), null);
        }
    }

    @Override
    public DirectoryInfo test() throws DirectoryException {
        if (testFailure != null) {
            throw testFailure;
        }
        return new DirectoryInfo("DC=x,DC=test", "dc1.x.test", "fake", false, List.of());
    }

    @Override
    public Map<ObjectGuid, AdGroup> readGroups(Collection<ObjectGuid> guids) {
        Map<ObjectGuid, AdGroup> out = new HashMap<>();
        for (Entry e : entries.values()) {
            if (guids.contains(e.guid)) {
                out.put(e.guid, e.toGroup());
            }
        }
        return out;
    }

    @Override
    public Optional<AdGroup> readGroup(DN dn) {
        return Optional.ofNullable(entries.get(dn)).map(Entry::toGroup);
    }

    @Override
    public boolean exists(DN dn) {
        return entries.containsKey(dn);
    }

    @Override
    public List<AdGroup> findWrittenBackGroups(DN base) {
        return entries.values().stream()
                .filter(e -> e.dn.isDescendantOf(base, false) && e.adminDescription != null
                        && e.adminDescription.startsWith("Group_"))
                .map(Entry::toGroup).toList();
    }

    @Override
    public Map<Sid, DN> resolveUsers(Collection<Sid> sids, OuFilter scope) {
        Map<Sid, DN> out = new HashMap<>();
        sids.stream().filter(users::containsKey).forEach(s -> out.put(s, users.get(s)));
        return out;
    }

    @Override
    public List<DN> childOrganizationalUnits(DN parent) {
        return List.of();
    }

    @Override
    public ObjectGuid createGroup(NewGroup g) throws DirectoryException {
        return createGroup(g, List.of());
    }

    /** Records "create DN" or, with members in the add, "create DN with [members]". */
    @Override
    public ObjectGuid createGroup(NewGroup g, Collection<DN> members) throws DirectoryException {
        check("create", g.dn());
        if (entries.containsKey(g.dn())) {
            throw new DirectoryException("entry already exists: " + g.dn(), ResultCode.ENTRY_ALREADY_EXISTS,
                    g.dn().toString(), null);
        }
        writes.add("create " + g.dn() + (members.isEmpty() ? "" : " with " + members));
        Entry e = put(g.dn(), g.displayName(), g.adminDescription());
        e.members.addAll(members);
        e.groupType = g.groupType();
        e.sam = g.samAccountName();
        if (crashAfterNextCreate) {
            crashAfterNextCreate = false;
            throw new SimulatedCrash();
        }
        if (loseAnswerOfNextCreate) {
            loseAnswerOfNextCreate = false;
            throw new DirectoryException("cannot reach ldaps://dc: connection reset", ResultCode.SERVER_DOWN,
                    g.dn().toString(), null);
        }
        return e.guid;
    }

    @Override
    public void replaceAttributes(DN dn, Map<String, List<String>> values) throws DirectoryException {
        check("update", dn);
        Entry e = require(dn);
        writes.add("update " + dn + " " + values.keySet());
        if (values.containsKey("displayName")) {
            List<String> v = values.get("displayName");
            e.displayName = v.isEmpty() ? null : v.get(0);
        }
    }

    @Override
    public DN moveOrRename(DN current, RDN newRdn, DN newParent) throws DirectoryException {
        check("move", current);
        Entry e = require(current);
        DN to = new DN(newRdn, newParent);
        if (entries.containsKey(to)) {
            throw new DirectoryException("entry already exists: " + to, ResultCode.ENTRY_ALREADY_EXISTS, to.toString(), null);
        }
        writes.add("move " + current + " -> " + to);
        entries.remove(current);
        e.dn = to;
        entries.put(to, e);
        return to;
    }

    @Override
    public void addMembers(DN group, Collection<DN> members) throws DirectoryException {
        check("addMembers", group);
        Entry e = require(group);
        for (DN m : members) {
            if (e.members.contains(m)) {
                throw new DirectoryException("member " + m + " already in " + group, ResultCode.ATTRIBUTE_OR_VALUE_EXISTS,
                        group.toString(), null);
            }
        }
        writes.add("addMembers " + group + " " + members);
        e.members.addAll(members);
    }

    @Override
    public void removeMembers(DN group, Collection<DN> members) throws DirectoryException {
        check("removeMembers", group);
        Entry e = require(group);
        writes.add("removeMembers " + group + " " + members);
        e.members.removeAll(members);
    }

    @Override
    public void deleteGroup(DN dn) throws DirectoryException {
        check("delete", dn);
        require(dn);
        writes.add("delete " + dn);
        entries.remove(dn);
    }

    private Entry require(DN dn) throws DirectoryException {
        Entry e = entries.get(dn);
        if (e == null) {
            throw new DirectoryException("no such object: " + dn, ResultCode.NO_SUCH_OBJECT, dn.toString(), null);
        }
        return e;
    }

    @Override
    public void close() {
    }
}
