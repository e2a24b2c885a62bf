package org.groupwriteback.engine.state;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.groupwriteback.engine.ad.ObjectGuid;

/** The last known AD state (groups, user DNs) and the remembered create collisions, in the shared {@link StateDb}. */
final class AdStateStore {
    private final StateDb db;

    AdStateStore(StateDb db) {
        this.db = db;
    }

    Map<ObjectGuid, String> adGroups() {
        Map<ObjectGuid, String> out = new LinkedHashMap<>();
        db.query("SELECT object_guid, COALESCE(json, json_large) FROM ad_group", p -> { },
                rs -> out.put(new ObjectGuid(rs.getObject(1, UUID.class)), rs.getString(2)));
        return out;
    }

    Map<String, String> adUsers() {
        Map<String, String> out = new LinkedHashMap<>();
        db.query("SELECT sid, dn FROM ad_user", p -> { }, rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    void saveAdState(Map<ObjectGuid, String> groups, Collection<ObjectGuid> removed, Map<String, String> users,
            Collection<String> removedUsers, boolean replaceAll) {
        db.inTransaction(() -> {
            if (replaceAll) {
                db.update("DELETE FROM ad_group");
                db.update("DELETE FROM ad_user");
            }
            try (PreparedStatement put = db.prepare(
                    "MERGE INTO ad_group(object_guid, json, json_large) KEY(object_guid) VALUES (?, ?, ?)");
                    PreparedStatement del = db.prepare("DELETE FROM ad_group WHERE object_guid = ?")) {
                for (Map.Entry<ObjectGuid, String> g : groups.entrySet()) {
                    boolean large = g.getValue().length() > StateDb.MAX_VARCHAR;
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
            try (PreparedStatement put = db.prepare("MERGE INTO ad_user(sid, dn) KEY(sid) VALUES (?, ?)");
                    PreparedStatement del = db.prepare("DELETE FROM ad_user WHERE sid = ?")) {
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

    Map<String, Collision> collisions() {
        Map<String, Collision> out = new LinkedHashMap<>();
        db.query("SELECT cloud_id, dn, blocker_guid, message FROM collision", p -> { }, rs -> {
            UUID blocker = rs.getObject(3, UUID.class);
            out.put(rs.getString(1), new Collision(rs.getString(1), rs.getString(2),
                    blocker == null ? null : new ObjectGuid(blocker), rs.getString(4)));
        });
        return out;
    }

    void putCollision(Collision c) {
        db.update("MERGE INTO collision(cloud_id, dn, blocker_guid, message) KEY(cloud_id) VALUES (?, ?, ?, ?)",
                c.cloudId(), c.dn(), c.blocker() == null ? null : c.blocker().uuid(), StateDb.truncate(c.message()));
    }

    void removeCollisions(Collection<String> cloudIds) {
        for (String id : cloudIds) {
            db.update("DELETE FROM collision WHERE cloud_id = ?", id);
        }
    }
}
