package org.groupwriteback.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudUser;

/** The imported cloud snapshot, its delta links and the settings table, in the shared {@link StateDb}. */
final class SnapshotStore {
    private static final String GROUPS_LINK = "groups";
    private static final String USERS_LINK = "users";
    private static final String DEVICES_LINK = "devices";
    private static final String UNIFIED_DEFAULT = "tenant.unifiedWritebackDefault";

    private final StateDb db;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    SnapshotStore(StateDb db) {
        this.db = db;
    }

    CloudSnapshot loadSnapshot() {
        CloudSnapshot s = new CloudSnapshot();
        db.query("SELECT id, COALESCE(json, json_large) FROM cloud_group", p -> { },
                rs -> s.putGroup(readGroup(rs.getString(1), rs.getString(2))));
        db.query("SELECT id, sid, sync_enabled FROM cloud_user", p -> { }, rs -> s.putUser(
                new CloudUser(rs.getString(1), rs.getString(2), (Boolean) rs.getObject(3))));
        db.query("SELECT id, sid, sync_enabled FROM cloud_device", p -> { }, rs -> s.putDevice(
                new CloudDevice(rs.getString(1), rs.getString(2), (Boolean) rs.getObject(3))));
        db.query("SELECT name, link FROM delta_link", p -> { }, rs -> {
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

    void saveSnapshot(CloudSnapshot s) {
        db.inTransaction(() -> {
            try (PreparedStatement put = db.prepare("MERGE INTO cloud_group(id, json, json_large) KEY(id) VALUES (?, ?, ?)");
                    PreparedStatement del = db.prepare("DELETE FROM cloud_group WHERE id = ?")) {
                for (String id : s.changedGroupIds()) {
                    CloudGroup g = s.groups().get(id);
                    if (g == null) {
                        del.setString(1, id);
                        del.addBatch();
                    } else {
                        String text = writeJson(g);
                        boolean large = text.length() > StateDb.MAX_VARCHAR;
                        put.setString(1, id);
                        put.setString(2, large ? null : text);
                        put.setString(3, large ? text : null);
                        put.addBatch();
                    }
                }
                put.executeBatch();
                del.executeBatch();
            }
            try (PreparedStatement put = db.prepare("MERGE INTO cloud_user(id, sid, sync_enabled) KEY(id) VALUES (?, ?, ?)");
                    PreparedStatement del = db.prepare("DELETE FROM cloud_user WHERE id = ?")) {
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
            try (PreparedStatement put = db.prepare("MERGE INTO cloud_device(id, sid, sync_enabled) KEY(id) VALUES (?, ?, ?)");
                    PreparedStatement del = db.prepare("DELETE FROM cloud_device WHERE id = ?")) {
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

    private void putLink(String name, String link) {
        if (link == null) {
            db.update("DELETE FROM delta_link WHERE name = ?", name);
        } else {
            db.update("MERGE INTO delta_link(name, link) KEY(name) VALUES (?, ?)", name, link);
        }
    }

    void clearDeltaLinks() {
        db.update("DELETE FROM delta_link");
    }

    Optional<String> setting(String name) {
        List<String> out = new ArrayList<>();
        db.query("SELECT val FROM setting WHERE name = ?", p -> p.setString(1, name), rs -> out.add(rs.getString(1)));
        return out.stream().findFirst();
    }

    void putSetting(String name, String value) {
        db.inTransaction(() -> putSettingInTx(name, value));
    }

    private void putSettingInTx(String name, String value) throws SQLException {
        if (value == null) {
            db.update("DELETE FROM setting WHERE name = ?", name);
        } else {
            db.update("MERGE INTO setting(name, val) KEY(name) VALUES (?, ?)", name, value);
        }
    }

    private CloudGroup readGroup(String id, String text) {
        try {
            return json.readValue(text, CloudGroup.class);
        } catch (JsonProcessingException e) {
            throw new StateException("the stored cloud group " + id + " in " + db.dataDir
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
}
