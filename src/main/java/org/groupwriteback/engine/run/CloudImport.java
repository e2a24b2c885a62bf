package org.groupwriteback.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.crash.CrashPoint;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.state.StateStore;

/**
 * The import step of a cycle: decides whether a full import is due (and why), imports from the cloud
 * into the stored snapshot and saves it with the configuration hash. The snapshot is saved even for a
 * dry run, because the import has consumed the delta.
 */
final class CloudImport {
    private static final ObjectMapper HASH_JSON = new ObjectMapper();

    private final SyncConfiguration config;
    private final StateStore store;
    private final CloudSource cloud;

    CloudImport(SyncConfiguration config, StateStore store, CloudSource cloud) {
        this.config = config;
        this.store = store;
        this.cloud = cloud;
    }

    /** The snapshot after the import and what the import did. */
    record Imported(CloudSnapshot snapshot, ImportReport report) {
    }

    Imported run(Policy policy) throws CloudException {
        CloudSnapshot snapshot = store.loadSnapshot();
        String hash = configurationHash(config);
        String fullReason = fullImportReason(policy, snapshot, hash);
        ImportReport report = cloud.importInto(snapshot, fullReason != null);
        CrashPoint.IMPORT_DONE.reach();
        // When we asked for a full import, our reason is the one the admin needs; when Graph forced one
        // (expired delta link), its reason stands.
        if (fullReason != null) {
            report = new ImportReport(report.fullImport(), fullReason, report.groupsChanged(),
                    report.groupsSoftDeleted(), report.groupsDeleted(), report.usersChanged(),
                    report.throttledResponses(), report.requests());
        }
        PlanScope.recordImport(store, snapshot, report.fullImport());
        store.saveSnapshot(snapshot);
        store.putSetting(EngineSettings.CONFIG_HASH, hash);
        store.putSetting(EngineSettings.FULL_IMPORT_PENDING, null);
        CrashPoint.SNAPSHOT_SAVED.reach();
        return new Imported(snapshot, report);
    }

    private String fullImportReason(Policy policy, CloudSnapshot snapshot, String hash) {
        if (policy == Policy.INITIAL) {
            return "initial policy requested";
        }
        if (snapshot.groupsDeltaLink() == null) {
            return "no delta link yet (first import)";
        }
        Optional<String> stored = store.setting(EngineSettings.CONFIG_HASH);
        if (stored.isPresent() && !stored.get().equals(hash)) {
            return "the configuration changed since the last import";
        }
        return store.setting(EngineSettings.FULL_IMPORT_PENDING).map(r -> "full import requested: " + r).orElse(null);
    }

    /**
     * Hash of the parts of the configuration that decide what is written where (cloud, directory, OU
     * filter, group writeback); the scheduler and the deletion threshold don't need a full import.
     */
    static String configurationHash(SyncConfiguration c) {
        try {
            byte[] json = HASH_JSON.writeValueAsBytes(List.of(
                    Optional.ofNullable(c.cloud()).map(Object::toString).orElse(""),
                    Optional.ofNullable(c.directory()).map(Object::toString).orElse(""),
                    HASH_JSON.writeValueAsString(c.ouFilter()),
                    HASH_JSON.writeValueAsString(c.groupWriteback())));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }
}
