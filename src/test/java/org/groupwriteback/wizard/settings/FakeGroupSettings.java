package org.groupwriteback.wizard.settings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.BulkWriteback;
import org.groupwriteback.engine.graph.WritebackConfiguration;

/** An in-memory tenant for the settings page: groups, refused ids, the default, and what was PATCHed. */
final class FakeGroupSettings implements GroupSettingsService {
    final List<GroupRow> groups = new ArrayList<>();
    final Map<String, WritebackConfiguration> patched = new HashMap<>();
    final Set<String> refused = new HashSet<>();
    Boolean unifiedDefault = true;
    boolean refuseDefault;
    int loads;

    static GroupRow m365(String id, String name, Boolean enabled) {
        return new GroupRow(id, name, GroupRow.Kind.MICROSOFT_365, 3, new WritebackConfiguration(enabled, null),
                false, null, null);
    }

    static GroupRow security(String id, String name, Boolean enabled) {
        return new GroupRow(id, name, GroupRow.Kind.SECURITY, 2, new WritebackConfiguration(enabled, null), false,
                null, null);
    }

    @Override
    public Listing load(SyncConfiguration configuration) {
        loads++;
        return new Listing(groups, unifiedDefault);
    }

    @Override
    public BulkWriteback.Result apply(SyncConfiguration configuration, List<BulkWriteback.Change> changes,
            BulkWriteback.Progress progress, BooleanSupplier cancelled) {
        List<BulkWriteback.Change> applied = new ArrayList<>();
        List<BulkWriteback.Failure> failures = new ArrayList<>();
        int done = 0;
        for (BulkWriteback.Change c : changes) {
            if (cancelled.getAsBoolean()) {
                return new BulkWriteback.Result(applied, failures, true);
            }
            BulkWriteback.Failure f = null;
            if (refused.contains(c.groupId())) {
                f = new BulkWriteback.Failure(c, "Graph answered 403 for " + c.groupId());
                failures.add(f);
            } else {
                patched.put(c.groupId(), c.configuration());
                applied.add(c);
            }
            progress.step(++done, changes.size(), c, f);
        }
        return new BulkWriteback.Result(applied, failures, false);
    }

    @Override
    public void setUnifiedDefault(SyncConfiguration configuration, boolean value) throws Exception {
        if (refuseDefault) {
            throw new Exception("the app lacks Directory.ReadWrite.All");
        }
        unifiedDefault = value;
    }
}
