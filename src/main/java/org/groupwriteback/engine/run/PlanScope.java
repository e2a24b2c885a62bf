package org.groupwriteback.engine.run;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.state.StateStore;

/**
 * The groups an incremental plan compares members for, kept in the state store until a cycle applied them
 * cleanly: the cloud groups an import changed (or whose users or devices changed) are written before the
 * snapshot that consumed the delta is saved, so a crash or a failed apply never loses them. Too many ids, or
 * a full import, mean "plan everything" ({@link #ALL}).
 */
final class PlanScope {
    /** Setting: comma-separated cloud ids still to plan in full, or {@link #ALL}. */
    static final String PENDING = "plan.pendingGroups";
    static final String ALL = "*";
    /** Ids kept by name before the pending set turns into {@link #ALL} (the setting holds 16,384 characters). */
    static final int MAX_IDS = 400;

    private PlanScope() {
    }

    /** Adds the groups {@code snapshot} changed since it was loaded (before it is saved). */
    static void recordImport(StateStore store, CloudSnapshot snapshot, boolean fullImport) {
        Set<String> pending = pending(store);
        if (fullImport || pending == null) {
            store.putSetting(PENDING, ALL);
            return;
        }
        Set<String> ids = new LinkedHashSet<>(pending);
        ids.addAll(snapshot.changedGroupIds());
        Set<String> members = new HashSet<>(snapshot.changedUserIds());
        members.addAll(snapshot.changedDeviceIds());
        if (!members.isEmpty()) {
            for (CloudGroup g : snapshot.groups().values()) {
                for (CloudMember m : g.members()) {
                    if (members.contains(m.id())) {
                        ids.add(g.id());
                        break;
                    }
                }
            }
        }
        write(store, ids);
    }

    /** The pending cloud ids, or null when everything is to be planned (also before the first clean cycle). */
    static Set<String> pending(StateStore store) {
        Optional<String> v = store.setting(PENDING);
        if (v.isEmpty() || v.get().equals(ALL)) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String id : v.get().split(",")) {
            if (!id.isBlank()) {
                out.add(id);
            }
        }
        return out;
    }

    /** After a cycle that applied its whole plan without an error: nothing is pending any more. */
    static void applied(StateStore store) {
        store.putSetting(PENDING, "");
    }

    private static void write(StateStore store, Collection<String> ids) {
        store.putSetting(PENDING, ids.size() > MAX_IDS ? ALL : String.join(",", ids));
    }
}
