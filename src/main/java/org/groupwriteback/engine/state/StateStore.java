package org.groupwriteback.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's memory between cycles, an H2 database in file mode under the data directory: the imported
 * cloud snapshot and delta links, the anchors (cloud object id to AD objectGUID), settings, run records
 * and the applied-change journal (intent before each LDAP write, result after). Opening it takes the
 * {@link EngineLock}, so one process at a time writes a data directory. Thread-safe: every method is
 * synchronized on the store (one JDBC connection). A facade: the work is done by one sub-store per concept
 * (snapshot and settings, anchors, AD state and collisions, runs, journal) over a shared {@link StateDb}.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    /** Status of an applied-change row whose LDAP write has not been confirmed yet. */
    public static final String INTENT = "INTENT";

    private final Path dataDir;
    private final EngineLock lock;
    private final StateDb db;
    private final SnapshotStore snapshot;
    private final AnchorStore anchors;
    private final AdStateStore adState;
    private final RunStore runs;
    private final JournalStore journal;

    private StateStore(Path dataDir, EngineLock lock, StateDb db) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.db = db;
        this.snapshot = new SnapshotStore(db);
        this.anchors = new AnchorStore(db);
        this.adState = new AdStateStore(db);
        this.runs = new RunStore(db);
        this.journal = new JournalStore(db, anchors);
    }

    /**
     * Opens (creating if needed) the store in {@code dataDir}: takes the engine lock, opens H2 and runs
     * pending migrations. Runs left RUNNING by a process that died are marked INTERRUPTED.
     */
    public static StateStore open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        EngineLock lock = EngineLock.acquire(dir);
        try {
            // WRITE_DELAY=0: every commit reaches the file before commit() returns. H2's default keeps
            // commits in memory for up to a second, so a killed engine lost the intents it had recorded
            // before its LDAP writes and then took its own half-created groups for foreign objects.
            Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(DataDirectory.STATE_STORE)
                    + ";AUTO_SERVER=FALSE;WRITE_DELAY=0");
            restrictToOwner(dir);
            int ran = Migrations.migrate(c);
            if (ran > 0) {
                LOG.info("state store {}: applied {} schema migration(s)", dir, ran);
            }
            StateStore store = new StateStore(dir, lock, new StateDb(dir, c));
            int stale = store.runs.markInterrupted();
            if (stale > 0) {
                LOG.warn("state store {}: {} run(s) were interrupted by a stopped engine", dir, stale);
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            lock.close();
            if (e instanceof StateException se) {
                throw se;
            }
            throw openFailure(dir, e);
        }
    }

    /** The store's files hold anchors and run records: owner-only, whatever the umask was when H2 created them. */
    private static void restrictToOwner(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(DataDirectory.STATE_STORE + ".")) {
                    DataDirectory.restrictToOwner(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("state store {}: cannot restrict its files to the owner: {}", dir, e.getMessage());
        }
    }

    /** Why {@link #open} failed; a damaged file is named with the command that rebuilds the anchors. */
    static StateException openFailure(Path dir, Exception e) {
        if (e instanceof SQLException sql && sql.getErrorCode() == ErrorCode.FILE_CORRUPTED_1) {
            return new StateException("the state store " + file(dir) + " is damaged (" + e.getMessage()
                    + "); nothing was changed in AD. Move the file aside (keep it for diagnosis) and run gwb sync --adopt: "
                    + "the engine rebuilds its anchors from the groups in AD that carry its marker and creates no "
                    + "group twice", e);
        }
        return new StateException("cannot open the state store in " + dir + ": " + e.getMessage(), e);
    }

    /** The data directory this store lives in. */
    public Path dataDir() {
        return dataDir;
    }

    /** The H2 file itself, for messages that tell the admin which file to move aside or restore. */
    public Path file() {
        return file(dataDir);
    }

    private static Path file(Path dataDir) {
        return dataDir.resolve(DataDirectory.STATE_STORE + ".mv.db");
    }

    /** Versions of the schema scripts applied, in order (for diagnostics and tests). */
    public synchronized List<Integer> schemaVersions() {
        List<Integer> out = new ArrayList<>();
        db.query("SELECT version FROM schema_version ORDER BY version", p -> { }, rs -> out.add(rs.getInt(1)));
        return out;
    }

    // ---------------------------------------------------------------- snapshot and settings

    /** Reads the whole cloud snapshot (groups, users, delta links, tenant default); no pending changes. */
    public synchronized CloudSnapshot loadSnapshot() {
        return snapshot.loadSnapshot();
    }

    /**
     * Writes what import changed (only {@code changedGroupIds}/{@code changedUserIds}), the delta links
     * and the tenant default in one transaction, then clears the snapshot's change sets.
     */
    public synchronized void saveSnapshot(CloudSnapshot s) {
        snapshot.saveSnapshot(s);
    }

    /** Forgets the delta links so the next import is full. */
    public synchronized void clearDeltaLinks() {
        snapshot.clearDeltaLinks();
    }

    /** A stored setting. */
    public synchronized Optional<String> setting(String name) {
        return snapshot.setting(name);
    }

    /** Stores a setting; {@code null} removes it. */
    public synchronized void putSetting(String name, String value) {
        snapshot.putSetting(name, value);
    }

    // ---------------------------------------------------------------- anchors

    /** All anchors by cloud object id. */
    public synchronized Map<String, Anchor> anchors() {
        return anchors.anchors();
    }

    /** The anchor of one cloud group. */
    public synchronized Optional<Anchor> anchor(String cloudId) {
        return anchors.anchor(cloudId);
    }

    /** Inserts or replaces an anchor. */
    public synchronized void putAnchor(Anchor a) {
        anchors.put(a);
    }

    /** Drops one anchor (AD untouched). */
    public synchronized void removeAnchor(String cloudId) {
        anchors.remove(cloudId);
    }

    /** Drops every anchor without touching AD ("keep the groups in AD and stop managing them"); returns how many. */
    public synchronized int releaseAll() {
        return anchors.releaseAll();
    }

    // ---------------------------------------------------------------- last known AD state

    /** The stored AD groups as their encoded text, by objectGUID. */
    public synchronized Map<ObjectGuid, String> adGroups() {
        return adState.adGroups();
    }

    /** The stored AD user DNs by SID text. */
    public synchronized Map<String, String> adUsers() {
        return adState.adUsers();
    }

    /**
     * Stores what a read of AD found, in one transaction: {@code groups} (encoded) and {@code users} replace
     * their rows, the {@code removed} groups and {@code removedUsers} go; with {@code replaceAll} every other row
     * goes too (a full read).
     */
    public synchronized void saveAdState(Map<ObjectGuid, String> groups, Collection<ObjectGuid> removed,
            Map<String, String> users, Collection<String> removedUsers, boolean replaceAll) {
        adState.saveAdState(groups, removed, users, removedUsers, replaceAll);
    }

    /** The remembered collisions by cloud id. */
    public synchronized Map<String, Collision> collisions() {
        return adState.collisions();
    }

    /** Remembers a collision (replacing an earlier one of the group). */
    public synchronized void putCollision(Collision c) {
        adState.putCollision(c);
    }

    /** Forgets the collisions of these cloud groups. */
    public synchronized void removeCollisions(Collection<String> cloudIds) {
        adState.removeCollisions(cloudIds);
    }

    // ---------------------------------------------------------------- runs

    /** Starts a run row in status RUNNING; returns its id. */
    public synchronized long beginRun(String policy, boolean dryRun, Instant started) {
        return runs.beginRun(policy, dryRun, started);
    }

    /** Completes a run row with its final status and the full record as JSON. */
    public synchronized void finishRun(long id, Instant ended, String status, String recordJson) {
        runs.finishRun(id, ended, status, recordJson);
    }

    /** The status column of one run (RUNNING, INTERRUPTED, or the status it finished with). */
    public synchronized Optional<String> runStatus(long id) {
        return runs.runStatus(id);
    }

    /** The stored record (JSON) of one finished run, or empty when there is no such run or it has not finished. */
    public synchronized Optional<String> runJson(long id) {
        return runs.runJson(id);
    }

    /** The JSON of the last {@code n} finished runs, newest first. */
    public synchronized List<String> lastRuns(int n) {
        return runs.lastRuns(n);
    }

    // ---------------------------------------------------------------- applied changes

    /** Records (durably, before it returns) that change {@code seq} of run {@code runId} is about to be written to AD. */
    public synchronized void recordIntent(long runId, int seq, String kind, String cloudId, String dn) {
        journal.recordIntent(runId, seq, kind, cloudId, dn);
    }

    /**
     * Records the outcome of change {@code seq} and applies {@code anchors} in one transaction, so a
     * crash leaves either both or neither.
     */
    public synchronized void recordResult(long runId, int seq, String status, String errorCode, String message,
            AnchorUpdate anchors) {
        journal.recordResult(runId, seq, status, errorCode, message, anchors);
    }

    /**
     * True when a change of this kind for this cloud group was started in a run before {@code runId} and
     * never got a result: the engine stopped between the LDAP write and its record.
     */
    public synchronized boolean hasUnfinishedIntent(String cloudId, String kind, long runId) {
        return journal.hasUnfinishedIntent(cloudId, kind, runId);
    }

    /** Marks the unfinished intents of runs before {@code runId} for this cloud group (their outcome was found in AD). */
    public synchronized void closeUnfinishedIntents(String cloudId, String status, long runId) {
        journal.closeUnfinishedIntents(cloudId, status, runId);
    }

    /** The applied-change rows of one run, in order. */
    public synchronized List<ChangeRow> changes(long runId) {
        return journal.changes(runId);
    }

    @Override
    public synchronized void close() {
        try {
            db.connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the state store in {}: {}", dataDir, e.getMessage());
        } finally {
            lock.close();
        }
    }
}
