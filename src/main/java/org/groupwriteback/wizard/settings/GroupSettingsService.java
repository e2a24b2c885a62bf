package org.groupwriteback.wizard.settings;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.BulkWriteback;

/**
 * What the Group writeback settings page asks of the engine: the cloud groups with their writeback state, bulk
 * changes of {@code writebackConfiguration}, and the tenant default. {@code configuration} is the one being
 * edited (its cloud connection is used). Calls block and run off the FX thread.
 */
public interface GroupSettingsService {

    /** All cloud groups (one pass) and the tenant's {@code NewUnifiedGroupWritebackDefault}. */
    Listing load(SyncConfiguration configuration) throws Exception;

    /** PATCHes each change's {@code writebackConfiguration}; {@code progress} is called from the calling thread. */
    BulkWriteback.Result apply(SyncConfiguration configuration, List<BulkWriteback.Change> changes,
            BulkWriteback.Progress progress, BooleanSupplier cancelled) throws Exception;

    /** Sets the tenant's {@code NewUnifiedGroupWritebackDefault}. */
    void setUnifiedDefault(SyncConfiguration configuration, boolean value) throws Exception;

    /** The groups and the tenant default as loaded. */
    record Listing(List<GroupRow> rows, boolean unifiedDefault) {
        public Listing {
            rows = List.copyOf(rows);
        }
    }
}
