package org.groupwriteback.samba.faults;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.groupwriteback.engine.ad.AdChange;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.UsnWatermark;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;

/**
 * The engine's real directory with a hook that runs just before each write it sends (numbered from 1 per
 * cycle), so a test can break the connection or stop the DC at an exact point of an export. Reads pass through.
 */
final class FaultingDirectory implements Directory {

    /** Called before the n-th write of a cycle; {@code what} is e.g. {@code "create CN=..."}. */
    @FunctionalInterface
    interface BeforeWrite {
        void before(int n, String what);
    }

    private final Directory real;
    private final BeforeWrite hook;
    private final List<String> writes = new ArrayList<>();

    FaultingDirectory(Directory real, BeforeWrite hook) {
        this.real = real;
        this.hook = hook;
    }

    /** The writes attempted so far, in order ("create CN=...", "addMembers CN=...", ...). */
    List<String> writes() {
        return writes;
    }

    private void write(String kind, DN dn) {
        String what = kind + " " + dn;
        writes.add(what);
        hook.before(writes.size(), what);
    }

    @Override
    public DirectoryInfo test() throws DirectoryException {
        return real.test();
    }

    @Override
    public Optional<UsnWatermark> watermark() throws DirectoryException {
        return real.watermark();
    }

    @Override
    public List<AdChange> changedSince(long usn) throws DirectoryException {
        return real.changedSince(usn);
    }

    @Override
    public Map<ObjectGuid, AdGroup> readGroups(Collection<ObjectGuid> guids) throws DirectoryException {
        return real.readGroups(guids);
    }

    @Override
    public Optional<AdGroup> readGroup(DN dn) throws DirectoryException {
        return real.readGroup(dn);
    }

    @Override
    public Optional<ObjectGuid> guidAt(DN dn) throws DirectoryException {
        return real.guidAt(dn);
    }

    @Override
    public boolean exists(DN dn) throws DirectoryException {
        return real.exists(dn);
    }

    @Override
    public List<AdGroup> findWrittenBackGroups(DN base) throws DirectoryException {
        return real.findWrittenBackGroups(base);
    }

    @Override
    public Map<Sid, DN> resolveUsers(Collection<Sid> sids, OuFilter scope) throws DirectoryException {
        return real.resolveUsers(sids, scope);
    }

    @Override
    public Map<Sid, AdPrincipal> resolvePrincipals(Collection<Sid> sids, OuFilter scope) throws DirectoryException {
        return real.resolvePrincipals(sids, scope);
    }

    @Override
    public List<DN> childOrganizationalUnits(DN parent) throws DirectoryException {
        return real.childOrganizationalUnits(parent);
    }

    @Override
    public ObjectGuid createGroup(NewGroup group) throws DirectoryException {
        write("create", group.dn());
        return real.createGroup(group);
    }

    @Override
    public ObjectGuid createGroup(NewGroup group, Collection<DN> members) throws DirectoryException {
        write("create", group.dn());
        return real.createGroup(group, members);
    }

    @Override
    public void replaceAttributes(DN dn, Map<String, List<String>> values) throws DirectoryException {
        write("update", dn);
        real.replaceAttributes(dn, values);
    }

    @Override
    public DN moveOrRename(DN current, RDN newRdn, DN newParent) throws DirectoryException {
        write("rename", current);
        return real.moveOrRename(current, newRdn, newParent);
    }

    @Override
    public void addMembers(DN group, Collection<DN> members) throws DirectoryException {
        write("addMembers", group);
        real.addMembers(group, members);
    }

    @Override
    public void removeMembers(DN group, Collection<DN> members) throws DirectoryException {
        write("removeMembers", group);
        real.removeMembers(group, members);
    }

    @Override
    public void deleteGroup(DN dn) throws DirectoryException {
        write("delete", dn);
        real.deleteGroup(dn);
    }

    @Override
    public void close() {
        real.close();
    }
}
