package org.groupwriteback.engine.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the state store's schema up to date by running the versioned scripts under
 * {@code db/migration/} in order, each once, recording them in {@code schema_version}. A tiny runner
 * instead of Flyway: one dependency less (and no classpath scanning), for a handful of scripts. To change
 * the schema, add {@code V<n+1>__what.sql} and append it to {@link #SCRIPTS}; never edit a shipped one.
 */
final class Migrations {
    /** The scripts in order; version = position + 1. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__cloud_device.sql", "V3__ad_state.sql");

    private Migrations() {
    }

    /** Applies the scripts not applied yet; returns how many it ran. */
    static int migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL,"
                    + " applied TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
        }
        int current = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            current = rs.getInt(1);
        }
        if (current > SCRIPTS.size()) {
            throw new StateException("the state store has schema version " + current + " but this build knows only "
                    + SCRIPTS.size() + "; use the newer group-writeback build that wrote it");
        }
        int ran = 0;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = current + 1; v <= SCRIPTS.size(); v++) {
                String script = SCRIPTS.get(v - 1);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(script))) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version(version, script) VALUES (?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, script);
                    p.executeUpdate();
                }
                c.commit();
                ran++;
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return ran;
    }

    private static String read(String script) {
        String path = "/db/migration/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new StateException("migration script " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StateException("cannot read migration script " + path, e);
        }
    }

    /** Splits on ';' after dropping '--' comment lines (the scripts hold no ';' inside literals). */
    static List<String> statements(String script) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(sb.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }
}
