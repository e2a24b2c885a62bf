package org.groupwriteback.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.ErrorCode;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.crash.CrashPoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's memory between cycles, an H2 database in file mode under the data directory: the imported
 * cloud snapshot and delta links, the anchors (cloud object id to AD objectGUID), settings, run records
 * and the applied-change journal (intent before each LDAP write, result after). Opening it takes the
 * {@link EngineLock}, so one process at a time writes a data directory. Thread-safe: every method is
 * synchronized on the store (one JDBC connection).
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final String GROUPS_LINK = "groups";
    private static final String USERS_LINK = "users";
    private static final String DEVICES_LINK = "devices";
    private static final String UNIFIED_DEFAULT = "tenant.unifiedWritebackDefault";

    /** Longest group JSON kept in the VARCHAR column (H2's limit); longer goes to the CLOB column. */
    static final int MAX_VARCHAR = 1_000_000;

    /** Status of an applied-change row whose LDAP write has not been confirmed yet. */
    public static final String INTENT = "INTENT";

    private final Path dataDir;
    private final EngineLock lock;
    private final Connection connection;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private StateStore(Path dataDir, EngineLock lock, Connection connection) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.connection = connection;
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
            try (Statement s = c.createStatement()) {
                int stale = s.executeUpdate("UPDATE run SET status = 'INTERRUPTED' WHERE status = 'RUNNING'");
                if (stale > 0) {
                    LOG.warn("state store {}: {} run(s) were interrupted by a stopped engine", dir, stale);
                }
            }
            return new StateStore(dir, lock, c);
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
        query("SELECT version FROM schema_version ORDER BY version", p -> { }, rs -> out.add(rs.getInt(1)));
        return out;
    }

    // ---------------------------------------------------------------- snapshot

    /** Reads the whole cloud snapshot (groups, users, delta links, tenant default); no pending changes. */
    public synchronized CloudSnapshot loadSnapshot() {
        CloudSnapshot s = new CloudSnapshot();
        query("SELECT id, COALESCE(json, json_large) FROM cloud_group", p -> { },
                rs -> s.putGroup(readGroup(rs.getString(1), rs.getString(2))));
        query("SELECT id, sid, sync_enabled FROM cloud_user", p -> { }, rs -> s.putUser(
                new CloudUser(rs.getString(1), rs.getString(2), (Boolean) rs.getObject(3))));
        query("SELECT id, sid, sync_enabled FROM cloud_device", p -> { }, rs -> s.putDevice(
                new CloudDevice(rs.getString(1), rs.getString(2), (Boolean) rs.getObject(3))));
        query("SELECT name, link FROM delta_link", p -> { }, rs -> {
            if (GROUPS_LINK.equals(rs.getString(1))) {
                s.setGroupsDeltaLink(rs.getString(2));
            } else if (USERS_LINK.equals(rs.getString(1))) {
                s.setUsersDeltaLink(rs.getString(2));
            } else if (DEVICES_LINK.equals(rs.getString(1))) {
                s.setDevicesDeltaLink(rs.getString(2));
            }
        });
        s.setUnifiedWritebackDefault(setting(UNIFIED_DEFAULT).map(Boolean::parseBoolean).orElse(true));
        s.clearChanges();
        return s;
    }

    /**
     * Writes what import changed (only {@code changedGroupIds}/{@code changedUserIds}), the delta links
     * and the tenant default in one transaction, then clears the snapshot's change sets.
     */
    public synchronized void saveSnapshot(CloudSnapshot s) {
        inTransaction(() -> {
            try (PreparedStatement put = connection.prepareStatement("MERGE INTO cloud_group(id, json, json_large) KEY(id) VALUES (?, ?, ?)");
                    PreparedStatement del = connection.prepareStatement("DELETE FROM cloud_group WHERE id = ?")) {
                for (String id : s.changedGroupIds()) {
                    CloudGroup g = s.groups().get(id);
                    if (g == null) {
                        del.setString(1, id);
                        del.addBatch();
                    } else {
                        String text = writeJson(g);
                        boolean large = text.length() > MAX_VARCHAR;
                        put.setString(1, id);
                        put.setString(2, large ? null : text);
                        put.setString(3, large ? text : null);
                        put.addBatch();
                    }
                }
                put.executeBatch();
                del.executeBatch();
            }
            try (PreparedStatement put = connection.prepareStatement(
                    "MERGE INTO cloud_user(id, sid, sync_enabled) KEY(id) VALUES (?, ?, ?)");
                    PreparedStatement del = connection.prepareStatement("DELETE FROM cloud_user WHERE id = ?")) {
                for (String id : s.changedUserIds()) {
                    CloudUser u = s.users().get(id);
                    if (u == null) {
                        del.setString(1, id);
                        del.addBatch();
                    } else {
                        put.setString(1, id);
                        put.setString(2, u.onPremisesSecurityIdentifier());
                        put.setObject(3, u.onPremisesSyncEnabled());
                        put.addBatch();
                    }
                }
                put.executeBatch();
                del.executeBatch();
            }
            try (PreparedStatement put = connection.prepareStatement(
                    "MERGE INTO cloud_device(id, sid, sync_enabled) KEY(id) VALUES (?, ?, ?)");
                    PreparedStatement del = connection.prepareStatement("DELETE FROM cloud_device WHERE id = ?")) {
                for (String id : s.changedDeviceIds()) {
                    CloudDevice d = s.devices().get(id);
                    if (d == null) {
                        del.setString(1, id);
                        del.addBatch();
                    } else {
                        put.setString(1, id);
                        put.setString(2, d.onPremisesSecurityIdentifier());
                        put.setObject(3, d.onPremisesSyncEnabled());
                        put.addBatch();
                    }
                }
                put.executeBatch();
                del.executeBatch();
            }
            putLink(GROUPS_LINK, s.groupsDeltaLink());
            putLink(USERS_LINK, s.usersDeltaLink());
            putLink(DEVICES_LINK, s.devicesDeltaLink());
            putSettingInTx(UNIFIED_DEFAULT, Boolean.toString(s.unifiedWritebackDefault()));
        });
        s.clearChanges();
    }

    private void putLink(String name, String link) throws SQLException {
        if (link == null) {
            update("DELETE FROM delta_link WHERE name = ?", name);
        } else {
            update("MERGE INTO delta_link(name, link) KEY(name) VALUES (?, ?)", name, link);
        }
    }

    /** Forgets the delta links so the next import is full. */
    public synchronized void clearDeltaLinks() {
        update("DELETE FROM delta_link");
    }

    // ---------------------------------------------------------------- anchors

    /** All anchors by cloud object id. */
    public synchronized Map<String, Anchor> anchors() {
        Map<String, Anchor> out = new LinkedHashMap<>();
        query("SELECT cloud_id, object_guid, origin, last_known_dn, since FROM anchor ORDER BY cloud_id", p -> { },
                rs -> out.put(rs.getString(1), readAnchor(rs)));
        return out;
    }

    /** The anchor of one cloud group. */
    public synchronized Optional<Anchor> anchor(String cloudId) {
        List<Anchor> out = new ArrayList<>();
        query("SELECT cloud_id, object_guid, origin, last_known_dn, since FROM anchor WHERE cloud_id = ?",
                p -> p.setString(1, cloudId), rs -> out.add(readAnchor(rs)));
        return out.stream().findFirst();
    }

    /** Inserts or replaces an anchor. */
    public synchronized void putAnchor(Anchor a) {
        inTransaction(() -> putAnchorInTx(a));
    }

    /** Drops one anchor (AD untouched). */
    public synchronized void removeAnchor(String cloudId) {
        update("DELETE FROM anchor WHERE cloud_id = ?", cloudId);
    }

    /** Drops every anchor without touching AD ("keep the groups in AD and stop managing them"); returns how many. */
    public synchronized int releaseAll() {
        return update("DELETE FROM anchor");
    }

    private void putAnchorInTx(Anchor a) throws SQLException {
        // A GUID belongs to one cloud group: drop a stale row that claims it under another id.
        update("DELETE FROM anchor WHERE object_guid = ? AND cloud_id <> ?", a.guid().uuid(), a.cloudId());
        update("MERGE INTO anchor(cloud_id, object_guid, origin, last_known_dn, since) KEY(cloud_id) VALUES (?, ?, ?, ?, ?)",
                a.cloudId(), a.guid().uuid(), a.origin().name(), a.lastKnownDn(),
                utc(a.since() == null ? Instant.now() : a.since()));
    }

    private static Anchor readAnchor(ResultSet rs) throws SQLException {
        OffsetDateTime since = rs.getObject(5, OffsetDateTime.class);
        return new Anchor(rs.getString(1), new ObjectGuid(rs.getObject(2, UUID.class)),
                Anchor.Origin.valueOf(rs.getString(3)), rs.getString(4), since == null ? null : since.toInstant());
    }

    // ---------------------------------------------------------------- last known AD state

    /** The stored AD groups as their encoded text, by objectGUID. */
    public synchronized Map<ObjectGuid, String> adGroups() {
        Map<ObjectGuid, String> out = new LinkedHashMap<>();
        query("SELECT object_guid, COALESCE(json, json_large) FROM ad_group", p -> { },
                rs -> out.put(new ObjectGuid(rs.getObject(1, UUID.class)), rs.getString(2)));
        return out;
    }

    /** The stored AD user DNs by SID text. */
    public synchronized Map<String, String> adUsers() {
        Map<String, String> out = new LinkedHashMap<>();
        query("SELECT sid, dn FROM ad_user", p -> { }, rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    /**
     * Stores what a read of AD found, in one transaction: {@code groups} (encoded) and {@code users} replace
     * their rows, the {@code removed} groups and {@code removedUsers} go; with {@code replaceAll} every other row
     * goes too (a full read).
     */
    public synchronized void saveAdState(Map<ObjectGuid, String> groups, java.util.Collection<ObjectGuid> removed,
            Map<String, String> users, java.util.Collection<String> removedUsers, boolean replaceAll) {
        inTransaction(() -> {
            if (replaceAll) {
                update("DELETE FROM ad_group");
                update("DELETE FROM ad_user");
            }
            try (PreparedStatement put = connection.prepareStatement(
                    "MERGE INTO ad_group(object_guid, json, json_large) KEY(object_guid) VALUES (?, ?, ?)");
                    PreparedStatement del = connection.prepareStatement("DELETE FROM ad_group WHERE object_guid = ?")) {
                for (Map.Entry<ObjectGuid, String> g : groups.entrySet()) {
                    boolean large = g.getValue().length() > MAX_VARCHAR;
                    put.setObject(1, g.getKey().uuid());
                    put.setString(2, large ? null : g.getValue());
                    put.setString(3, large ? g.getValue() : null);
                    put.addBatch();
                }
                for (ObjectGuid g : removed) {
                    del.setObject(1, g.uuid());
                    del.addBatch();
                }
                put.executeBatch();
                del.executeBatch();
            }
            try (PreparedStatement put = connection.prepareStatement("MERGE INTO ad_user(sid, dn) KEY(sid) VALUES (?, ?)");
                    PreparedStatement del = connection.prepareStatement("DELETE FROM ad_user WHERE sid = ?")) {
                for (Map.Entry<String, String> u : users.entrySet()) {
                    put.setString(1, u.getKey());
                    put.setString(2, u.getValue());
                    put.addBatch();
                }
                for (String sid : removedUsers) {
                    del.setString(1, sid);
                    del.addBatch();
                }
                put.executeBatch();
                del.executeBatch();
            }
        });
    }

    /** A create refused because an unmanaged object holds its DN, remembered so it is not retried blindly. */
    public record Collision(String cloudId, String dn, ObjectGuid blocker, String message) {
    }

    /** The remembered collisions by cloud id. */
    public synchronized Map<String, Collision> collisions() {
        Map<String, Collision> out = new LinkedHashMap<>();
        query("SELECT cloud_id, dn, blocker_guid, message FROM collision", p -> { }, rs -> {
            UUID blocker = rs.getObject(3, UUID.class);
            out.put(rs.getString(1), new Collision(rs.getString(1), rs.getString(2),
                    blocker == null ? null : new ObjectGuid(blocker), rs.getString(4)));
        });
        return out;
    }

    /** Remembers a collision (replacing an earlier one of the group). */
    public synchronized void putCollision(Collision c) {
        update("MERGE INTO collision(cloud_id, dn, blocker_guid, message) KEY(cloud_id) VALUES (?, ?, ?, ?)",
                c.cloudId(), c.dn(), c.blocker() == null ? null : c.blocker().uuid(), truncate(c.message()));
    }

    /** Forgets the collisions of these cloud groups. */
    public synchronized void removeCollisions(java.util.Collection<String> cloudIds) {
        for (String id : cloudIds) {
            update("DELETE FROM collision WHERE cloud_id = ?", id);
        }
    }

    // ---------------------------------------------------------------- settings

    /** A stored setting. */
    public synchronized Optional<String> setting(String name) {
        List<String> out = new ArrayList<>();
        query("SELECT val FROM setting WHERE name = ?", p -> p.setString(1, name), rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    /** Stores a setting; {@code null} removes it. */
    public synchronized void putSetting(String name, String value) {
        inTransaction(() -> putSettingInTx(name, value));
    }

    private void putSettingInTx(String name, String value) throws SQLException {
        if (value == null) {
            update("DELETE FROM setting WHERE name = ?", name);
        } else {
            update("MERGE INTO setting(name, val) KEY(name) VALUES (?, ?)", name, value);
        }
    }

    // ---------------------------------------------------------------- runs

    /** Starts a run row in status RUNNING; returns its id. */
    public synchronized long beginRun(String policy, boolean dryRun, Instant started) {
        try (PreparedStatement p = connection.prepareStatement(
                "INSERT INTO run(policy, dry_run, started, status) VALUES (?, ?, ?, 'RUNNING')",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, policy);
            p.setBoolean(2, dryRun);
            p.setObject(3, utc(started));
            p.executeUpdate();
            try (ResultSet rs = p.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("record the start of a run", e);
        }
    }

    /** Completes a run row with its final status and the full record as JSON. */
    public synchronized void finishRun(long id, Instant ended, String status, String recordJson) {
        update("UPDATE run SET ended = ?, status = ?, json = ? WHERE id = ?", utc(ended), status, recordJson, id);
    }

    /** The status column of one run (RUNNING, INTERRUPTED, or the status it finished with). */
    public synchronized Optional<String> runStatus(long id) {
        List<String> out = new ArrayList<>();
        query("SELECT status FROM run WHERE id = ?", p -> p.setLong(1, id), rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    /** The stored record (JSON) of one finished run, or empty when there is no such run or it has not finished. */
    public synchronized Optional<String> runJson(long id) {
        List<String> out = new ArrayList<>();
        query("SELECT json FROM run WHERE id = ? AND json IS NOT NULL", p -> p.setLong(1, id),
                rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    /** The JSON of the last {@code n} finished runs, newest first. */
    public synchronized List<String> lastRuns(int n) {
        List<String> out = new ArrayList<>();
        query("SELECT json FROM run WHERE json IS NOT NULL ORDER BY id DESC LIMIT ?", p -> p.setInt(1, n),
                rs -> out.add(rs.getString(1)));
        return out;
    }

    // ---------------------------------------------------------------- applied changes

    /** Records that change {@code seq} of run {@code runId} is about to be written to AD. */
    public synchronized void recordIntent(long runId, int seq, String kind, String cloudId, String dn) {
        update("INSERT INTO applied_change(run_id, seq, kind, cloud_id, dn, status, recorded) VALUES (?, ?, ?, ?, ?, ?, ?)",
                runId, seq, kind, cloudId, dn, INTENT, utc(Instant.now()));
    }

    /**
     * Records the outcome of change {@code seq} and applies {@code anchors} in one transaction, so a
     * crash leaves either both or neither.
     */
    public synchronized void recordResult(long runId, int seq, String status, String errorCode, String message,
            AnchorUpdate anchors) {
        inTransaction(() -> {
            update("UPDATE applied_change SET status = ?, error_code = ?, message = ?, recorded = ? WHERE run_id = ? AND seq = ?",
                    status, errorCode, truncate(message), utc(Instant.now()), runId, seq);
            if (anchors instanceof AnchorUpdate.Put put) {
                putAnchorInTx(put.anchor());
            } else if (anchors instanceof AnchorUpdate.Remove rm) {
                update("DELETE FROM anchor WHERE cloud_id = ?", rm.cloudId());
            }
        });
    }

    /**
     * True when a change of this kind for this cloud group was started in a run before {@code runId} and
     * never got a result: the engine stopped between the LDAP write and its record.
     */
    public synchronized boolean hasUnfinishedIntent(String cloudId, String kind, long runId) {
        List<Integer> out = new ArrayList<>();
        query("SELECT COUNT(*) FROM applied_change WHERE cloud_id = ? AND kind = ? AND status = ? AND run_id < ?",
                p -> {
                    p.setString(1, cloudId);
                    p.setString(2, kind);
                    p.setString(3, INTENT);
                    p.setLong(4, runId);
                }, rs -> out.add(rs.getInt(1)));
        return out.get(0) > 0;
    }

    /** Marks the unfinished intents of runs before {@code runId} for this cloud group (their outcome was found in AD). */
    public synchronized void closeUnfinishedIntents(String cloudId, String status, long runId) {
        update("UPDATE applied_change SET status = ? WHERE cloud_id = ? AND status = ? AND run_id < ?", status, cloudId,
                INTENT, runId);
    }

    /** One applied-change row, for reports and tests. */
    public record ChangeRow(long runId, int seq, String kind, String cloudId, String dn, String status,
            String errorCode, String message) {
    }

    /** The applied-change rows of one run, in order. */
    public synchronized List<ChangeRow> changes(long runId) {
        List<ChangeRow> out = new ArrayList<>();
        query("SELECT run_id, seq, kind, cloud_id, dn, status, error_code, message FROM applied_change WHERE run_id = ? ORDER BY seq",
                p -> p.setLong(1, runId), rs -> out.add(new ChangeRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))));
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the state store in {}: {}", dataDir, e.getMessage());
        } finally {
            lock.close();
        }
    }

    // ---------------------------------------------------------------- JDBC plumbing

    private interface SqlAction {
        void run() throws SQLException;
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void inTransaction(SqlAction action) {
        try {
            connection.setAutoCommit(false);
            try {
                action.run();
                CrashPoint.STATE_TX.reach();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private int update(String sql, Object... args) {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            binder.bind(p);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private StateException failure(String what, SQLException e) {
        return new StateException("cannot " + what + " the state store in " + dataDir + ": " + e.getMessage()
                + " (check free disk space and permissions of the data directory)", e);
    }

    private CloudGroup readGroup(String id, String text) {
        try {
            return json.readValue(text, CloudGroup.class);
        } catch (JsonProcessingException e) {
            throw new StateException("the stored cloud group " + id + " in " + dataDir
                    + " cannot be read; run gwb sync --policy initial to re-import", e);
        }
    }

    private String writeJson(CloudGroup g) {
        try {
            return json.writeValueAsString(g);
        } catch (JsonProcessingException e) {
            throw new StateException("cannot serialise cloud group " + g.id(), e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000) + "...";
    }
}
