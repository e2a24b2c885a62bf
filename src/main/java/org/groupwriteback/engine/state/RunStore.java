package org.groupwriteback.engine.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The run records (one row per sync run, its status and final JSON record) in the shared {@link StateDb}. */
final class RunStore {
    private final StateDb db;

    RunStore(StateDb db) {
        this.db = db;
    }

    /** Marks runs left RUNNING by a process that died as INTERRUPTED; returns how many. */
    int markInterrupted() {
        return db.update("UPDATE run SET status = 'INTERRUPTED' WHERE status = 'RUNNING'");
    }

    long beginRun(String policy, boolean dryRun, Instant started) {
        try (PreparedStatement p = db.connection.prepareStatement(
                "INSERT INTO run(policy, dry_run, started, status) VALUES (?, ?, ?, 'RUNNING')",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, policy);
            p.setBoolean(2, dryRun);
            p.setObject(3, StateDb.utc(started));
            p.executeUpdate();
            try (ResultSet rs = p.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw db.failure("record the start of a run", e);
        }
    }

    void finishRun(long id, Instant ended, String status, String recordJson) {
        db.update("UPDATE run SET ended = ?, status = ?, json = ? WHERE id = ?", StateDb.utc(ended), status, recordJson, id);
    }

    Optional<String> runStatus(long id) {
        List<String> out = new ArrayList<>();
        db.query("SELECT status FROM run WHERE id = ?", p -> p.setLong(1, id), rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    Optional<String> runJson(long id) {
        List<String> out = new ArrayList<>();
        db.query("SELECT json FROM run WHERE id = ? AND json IS NOT NULL", p -> p.setLong(1, id),
                rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    List<String> lastRuns(int n) {
        List<String> out = new ArrayList<>();
        db.query("SELECT json FROM run WHERE json IS NOT NULL ORDER BY id DESC LIMIT ?", p -> p.setInt(1, n),
                rs -> out.add(rs.getString(1)));
        return out;
    }
}
