package org.groupwriteback.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.BulkWriteback;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.wizard.settings.GroupRow;
import org.groupwriteback.wizard.settings.GroupSettingsService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Group writeback settings page's backend. Groups come from the last import stored in this installation
 * (with the AD DN of each managed group and the last cycle's export errors), or - on a first run, or while a
 * service holds the state - from one full import of the tenant into a throwaway snapshot. Changes go to Entra ID
 * through the engine's Graph connection of the configuration being edited.
 */
final class WizardGroupSettings implements GroupSettingsService {
    private static final Logger LOG = LoggerFactory.getLogger(WizardGroupSettings.class);

    private final Path dataDir;
    private final Connectors connectors;
    private final Supplier<Engine> engine;
    private final BooleanSupplier storeAvailable;

    /**
     * @param storeAvailable whether {@code engine} may be opened here (an installation without a running service)
     */
    WizardGroupSettings(Path dataDir, Connectors connectors, Supplier<Engine> engine, BooleanSupplier storeAvailable) {
        this.dataDir = dataDir;
        this.connectors = connectors;
        this.engine = engine;
        this.storeAvailable = storeAvailable;
    }

    @Override
    public Listing load(SyncConfiguration configuration) throws CloudException {
        CloudSnapshot snapshot = null;
        Map<String, Anchor> anchors = Map.of();
        Map<String, String> errors = new HashMap<>();
        if (storeAvailable.getAsBoolean()) {
            try {
                Engine e = engine.get();
                CloudSnapshot stored = e.store().loadSnapshot();
                if (!stored.groups().isEmpty()) {
                    snapshot = stored;
                    anchors = e.store().anchors();
                    for (RunRecord r : e.lastRuns(1)) {
                        for (ExportError x : r.exportErrors()) {
                            if (x.cloudId() != null) {
                                errors.putIfAbsent(x.cloudId(), x.message());
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("the stored groups cannot be read ({}); reading them from Entra ID", e.getMessage());
            }
        }
        boolean unifiedDefault;
        try (CloudSource cloud = connectors.cloud(configuration, dataDir)) {
            if (snapshot == null) {
                snapshot = new CloudSnapshot();
                cloud.importInto(snapshot, true);
                unifiedDefault = snapshot.unifiedWritebackDefault();
            } else {
                unifiedDefault = cloud.unifiedWritebackDefault();
            }
        }
        return new Listing(rows(snapshot, anchors, errors, configuration.writebackEnabled()), unifiedDefault);
    }

    /** The table rows, by name: kind, member count, setting, written back now (and where), last export error. */
    static List<GroupRow> rows(CloudSnapshot snapshot, Map<String, Anchor> anchors, Map<String, String> errors,
            boolean writebackOn) {
        List<GroupRow> rows = new ArrayList<>(snapshot.groups().size());
        for (CloudGroup g : snapshot.groups().values()) {
            if (g.softDeleted()) {
                continue;
            }
            GroupRow.Kind kind = g.isUnified() ? GroupRow.Kind.MICROSOFT_365
                    : g.securityEnabled() && !g.mailEnabled() && !Boolean.TRUE.equals(g.onPremisesSyncEnabled())
                            ? GroupRow.Kind.SECURITY : GroupRow.Kind.OTHER;
            Anchor a = anchors.get(g.id());
            boolean writtenBack = writebackOn && WritebackRules.eligibility(g).eligible();
            rows.add(new GroupRow(g.id(), g.displayName(), kind, g.members().size(), g.writeback(), writtenBack,
                    a == null ? null : a.lastKnownDn(), errors.get(g.id())));
        }
        rows.sort(Comparator.comparing((GroupRow r) -> String.valueOf(r.name()), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(GroupRow::id));
        return rows;
    }

    @Override
    public BulkWriteback.Result apply(SyncConfiguration configuration, List<BulkWriteback.Change> changes,
            BulkWriteback.Progress progress, BooleanSupplier cancelled) throws CloudException {
        try (CloudSource cloud = connectors.cloud(configuration, dataDir)) {
            return BulkWriteback.apply(cloud, changes, progress, cancelled);
        }
    }

    @Override
    public void setUnifiedDefault(SyncConfiguration configuration, boolean value) throws CloudException {
        try (CloudSource cloud = connectors.cloud(configuration, dataDir)) {
            cloud.setUnifiedWritebackDefault(value);
        }
    }
}
