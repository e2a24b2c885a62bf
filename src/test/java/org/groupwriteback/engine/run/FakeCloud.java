package org.groupwriteback.engine.run;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.engine.graph.WritebackConfiguration;

/**
 * An in-memory tenant for cycle tests: a delta import copies groups and users that differ from the
 * snapshot and removes the ones gone; it records whether each import was full.
 */
public final class FakeCloud implements CloudSource {
    public final Map<String, CloudGroup> groups = new HashMap<>();
    final Map<String, CloudUser> users = new HashMap<>();
    public final List<Boolean> imports = new java.util.ArrayList<>();
    public CloudException failure;
    private int link;

    public static CloudGroup security(String id, String name, CloudMember... members) {
        return new CloudGroup(id, name, null, null, null, List.of(), true, false, null, List.of(),
                new WritebackConfiguration(true, "universalSecurityGroup"), Set.of(members), false);
    }

    public FakeCloud user(String id, String sid) {
        users.put(id, new CloudUser(id, sid, sid != null));
        return this;
    }

    public FakeCloud group(CloudGroup g) {
        groups.put(g.id(), g);
        return this;
    }

    @Override
    public TenantInfo test() {
        return new TenantInfo("t", "Test tenant", "x.test");
    }

    @Override
    public ImportReport importInto(CloudSnapshot s, boolean full) throws CloudException {
        if (failure != null) {
            throw failure;
        }
        imports.add(full);
        int changed = 0;
        int deleted = 0;
        for (CloudGroup g : groups.values()) {
            if (!Objects.equals(s.groups().get(g.id()), g)) {
                s.putGroup(g);
                changed++;
            }
        }
        for (String id : new HashSet<>(s.groups().keySet())) {
            if (!groups.containsKey(id)) {
                s.removeGroup(id);
                deleted++;
            }
        }
        for (CloudUser u : users.values()) {
            if (!Objects.equals(s.users().get(u.id()), u)) {
                s.putUser(u);
            }
        }
        s.setGroupsDeltaLink("delta-" + ++link);
        return new ImportReport(full, null, changed, 0, deleted, users.size(), 0, 1);
    }

    @Override
    public void setWriteback(String groupId, WritebackConfiguration configuration) {
        groups.computeIfPresent(groupId, (k, g) -> g.withWriteback(configuration));
    }

    @Override
    public void close() {
    }
}
