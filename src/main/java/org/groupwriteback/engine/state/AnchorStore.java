package org.groupwriteback.engine.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.groupwriteback.engine.ad.ObjectGuid;

/** The anchors (cloud object id to AD objectGUID) in the shared {@link StateDb}. */
final class AnchorStore {
    private static final String COLUMNS = "SELECT cloud_id, object_guid, origin, last_known_dn, since FROM anchor";
    private final StateDb db;

    AnchorStore(StateDb db) {
        this.db = db;
    }

    Map<String, Anchor> anchors() {
        Map<String, Anchor> out = new LinkedHashMap<>();
        db.query(COLUMNS + " ORDER BY cloud_id", p -> { }, rs -> out.put(rs.getString(1), read(rs)));
        return out;
    }

    Optional<Anchor> anchor(String cloudId) {
        List<Anchor> out = new ArrayList<>();
        db.query(COLUMNS + " WHERE cloud_id = ?", p -> p.setString(1, cloudId), rs -> out.add(read(rs)));
        return out.stream().findFirst();
    }

    void put(Anchor a) {
        db.inTransaction(() -> putInTx(a));
    }

    void remove(String cloudId) {
        db.update("DELETE FROM anchor WHERE cloud_id = ?", cloudId);
    }

    int releaseAll() {
        return db.update("DELETE FROM anchor");
    }

    /** Applies an anchor change inside the caller's transaction. */
    void apply(AnchorUpdate anchors) {
        if (anchors instanceof AnchorUpdate.Put put) {
            putInTx(put.anchor());
        } else if (anchors instanceof AnchorUpdate.Remove rm) {
            remove(rm.cloudId());
        }
    }

    private void putInTx(Anchor a) {
        // A GUID belongs to one cloud group: drop a stale row that claims it under another id.
        db.update("DELETE FROM anchor WHERE object_guid = ? AND cloud_id <> ?", a.guid().uuid(), a.cloudId());
        db.update("MERGE INTO anchor(cloud_id, object_guid, origin, last_known_dn, since) KEY(cloud_id) VALUES (?, ?, ?, ?, ?)",
                a.cloudId(), a.guid().uuid(), a.origin().name(), a.lastKnownDn(),
                StateDb.utc(a.since() == null ? Instant.now() : a.since()));
    }

    private static Anchor read(ResultSet rs) throws SQLException {
        OffsetDateTime since = rs.getObject(5, OffsetDateTime.class);
        return new Anchor(rs.getString(1), new ObjectGuid(rs.getObject(2, UUID.class)),
                Anchor.Origin.valueOf(rs.getString(3)), rs.getString(4), since == null ? null : since.toInstant());
    }
}
