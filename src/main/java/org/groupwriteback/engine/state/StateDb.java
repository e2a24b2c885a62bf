package org.groupwriteback.engine.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.groupwriteback.engine.crash.CrashPoint;

/**
 * The one H2 connection of a {@link StateStore} and its JDBC plumbing, shared by the sub-stores (snapshot,
 * anchors, AD state, runs, journal). Not thread-safe by itself: {@link StateStore} serialises every call.
 */
final class StateDb {
    /** Longest JSON kept in a VARCHAR column (H2's limit); longer goes to the CLOB column. */
    static final int MAX_VARCHAR = 1_000_000;

    final Path dataDir;
    final Connection connection;

    StateDb(Path dataDir, Connection connection) {
        this.dataDir = dataDir;
        this.connection = connection;
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    void inTransaction(SqlAction action) {
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

    int update(String sql, Object... args) {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    void query(String sql, Binder binder, RowReader reader) {
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

    StateException failure(String what, SQLException e) {
        return new StateException("cannot " + what + " the state store in " + dataDir + ": " + e.getMessage()
                + " (check free disk space and permissions of the data directory)", e);
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 4000) + "...";
    }
}
