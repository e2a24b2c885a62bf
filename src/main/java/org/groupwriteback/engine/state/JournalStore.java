package org.groupwriteback.engine.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The applied-change journal in the shared {@link StateDb}: an intent row is committed (WRITE_DELAY=0, so
 * durable) before each LDAP write, and its result row together with the anchor change after it.
 */
final class JournalStore {
    private final StateDb db;
    private final AnchorStore anchors;

    JournalStore(StateDb db, AnchorStore anchors) {
        this.db = db;
        this.anchors = anchors;
    }

    void recordIntent(long runId, int seq, String kind, String cloudId, String dn) {
        db.update("INSERT INTO applied_change(run_id, seq, kind, cloud_id, dn, status, recorded) VALUES (?, ?, ?, ?, ?, ?, ?)",
                runId, seq, kind, cloudId, dn, StateStore.INTENT, StateDb.utc(Instant.now()));
    }

    void recordResult(long runId, int seq, String status, String errorCode, String message, AnchorUpdate update) {
        db.inTransaction(() -> {
            db.update("UPDATE applied_change SET status = ?, error_code = ?, message = ?, recorded = ? WHERE run_id = ? AND seq = ?",
                    status, errorCode, StateDb.truncate(message), StateDb.utc(Instant.now()), runId, seq);
            anchors.apply(update);
        });
    }

    boolean hasUnfinishedIntent(String cloudId, String kind, long runId) {
        List<Integer> out = new ArrayList<>();
        db.query("SELECT COUNT(*) FROM applied_change WHERE cloud_id = ? AND kind = ? AND status = ? AND run_id < ?",
                p -> {
                    p.setString(1, cloudId);
                    p.setString(2, kind);
                    p.setString(3, StateStore.INTENT);
                    p.setLong(4, runId);
                }, rs -> out.add(rs.getInt(1)));
        return out.get(0) > 0;
    }

    void closeUnfinishedIntents(String cloudId, String status, long runId) {
        db.update("UPDATE applied_change SET status = ? WHERE cloud_id = ? AND status = ? AND run_id < ?", status, cloudId,
                StateStore.INTENT, runId);
    }

    List<ChangeRow> changes(long runId) {
        List<ChangeRow> out = new ArrayList<>();
        db.query("SELECT run_id, seq, kind, cloud_id, dn, status, error_code, message FROM applied_change WHERE run_id = ? ORDER BY seq",
                p -> p.setLong(1, runId), rs -> out.add(new ChangeRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))));
        return out;
    }
}
