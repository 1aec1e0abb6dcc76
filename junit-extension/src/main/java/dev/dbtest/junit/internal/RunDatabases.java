package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The databases of one run on a PostgreSQL server that other runs may share (several Surefire forks, several CI jobs,
 * a container kept between runs): each schema key's <em>template</em> is built once per server, and each run works in
 * its own clone of it, so that runs never see each other's rows or wait for each other's locks.
 *
 * <ul>
 *   <li>{@code dbtest_<key>}: the template, built under a temporary name and renamed when complete (a crash never
 *   leaves one that looks ready), its build guarded by an advisory lock so that runs racing for it build it once; kept
 *   between runs, since its name is the hash of the schema.</li>
 *   <li>{@code dbtest_<key>_run_<id>}: the run's clone ({@code CREATE DATABASE ... TEMPLATE}), dropped when the run
 *   ends.</li>
 * </ul>
 *
 * <p>A run holds the session advisory lock {@code (LOCK_CLASS, id)} on a connection of its own for as long as it runs.
 * A database named for a run id whose lock nobody holds belongs to a run that ended without cleaning up (a killed JVM):
 * the next run drops it. {@code pg_locks} shows the locks of every database of the server, so a run sees the others'
 * whichever database of the server its URL names.
 */
final class RunDatabases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunDatabases.class);
    /** The first key of dbtest's advisory locks: "dbte". */
    static final int LOCK_CLASS = 0x64627465;
    private static final Pattern RUN_DATABASE = Pattern.compile("dbtest_[0-9a-f]{16}_(?:run|building)_([0-9a-f]{8})");
    private static final int CLONE_ATTEMPTS = 20;

    private final ConnectionSpec admin;
    private final Connection keeper;
    private final int runId;
    private final List<String> made = new ArrayList<>();

    /** Takes this run's lock on a connection kept for the run, then drops what runs that died left behind. */
    RunDatabases(ConnectionSpec admin) throws SQLException {
        this.admin = admin;
        this.keeper = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
        try {
            this.runId = lockRunId(keeper);
            dropStale();
        } catch (SQLException | RuntimeException e) {
            keeper.close();
            throw e;
        }
    }

    private static int lockRunId(Connection keeper) throws SQLException {
        SecureRandom random = new SecureRandom();
        try (PreparedStatement lock = keeper.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            while (true) {
                int id = random.nextInt() & 0x7fffffff;
                lock.setInt(1, LOCK_CLASS);
                lock.setInt(2, id);
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                    if (rows.getBoolean(1)) {
                        return id;
                    }
                }
            }
        }
    }

    /** This run's id, as it appears in the names of its databases. */
    String runId() {
        return String.format("%08x", runId);
    }

    /** Drops the run databases (and half-built templates) of runs that hold no lock any more. */
    private void dropStale() throws SQLException {
        List<String> stale = new ArrayList<>();
        try (Statement statement = keeper.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'dbtest\\_%'");
             PreparedStatement held = keeper.prepareStatement("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND classid = ? AND objid = ? AND objsubid = 2 AND granted")) {
            while (rows.next()) {
                String name = rows.getString(1);
                Matcher matcher = RUN_DATABASE.matcher(name);
                if (!matcher.matches()) {
                    continue;
                }
                held.setLong(1, LOCK_CLASS);
                held.setLong(2, Long.parseLong(matcher.group(1), 16));
                try (ResultSet owner = held.executeQuery()) {
                    if (!owner.next()) {
                        stale.add(name);
                    }
                }
            }
        }
        for (String name : stale) {
            try (Statement statement = keeper.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                LOG.info("dbtest: dropped the database {}, left by a run that ended without dropping it", name);
            } catch (SQLException e) {
                LOG.warn("dbtest: could not drop the database {}, left by a run that ended without dropping it: {}",
                        name, e.getMessage());
            }
        }
    }

    /**
     * Returns a database of this run for the schema {@code template}: a clone of the template, which is built with
     * {@code builder} first unless the server holds it complete.
     */
    synchronized ConnectionSpec database(String template, DatabaseServer.SchemaBuilder builder, String server)
            throws SQLException {
        buildTemplate(template, builder, server);
        String clone = template + "_run_" + runId();
        try {
            cloneTemplate(template, clone);
        } catch (SQLException e) {
            throw mayNotCreate(e, server);
        }
        made.add(clone);
        return admin.withPostgresDatabase(clone);
    }

    /** Builds the template once per server: the runs that wait for the lock find it built. */
    private void buildTemplate(String name, DatabaseServer.SchemaBuilder builder, String server) throws SQLException {
        int lockKey = lockKey(name);
        try (PreparedStatement lock = keeper.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, lockKey);
            lock.executeQuery().close();
        }
        try (Statement statement = keeper.createStatement()) {
            if (exists(name)) {
                return;
            }
            String building = name + "_building_" + runId();
            try {
                statement.execute("CREATE DATABASE " + building);
            } catch (SQLException e) {
                throw mayNotCreate(e, server);
            }
            try {
                builder.build(admin.withPostgresDatabase(building));
                statement.execute("ALTER DATABASE " + building + " RENAME TO " + name);
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
                } catch (SQLException dropFailed) {
                    e.addSuppressed(dropFailed);
                }
                throw e;
            }
        } finally {
            try (PreparedStatement unlock = keeper.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_CLASS);
                unlock.setInt(2, lockKey);
                unlock.executeQuery().close();
            }
        }
    }

    /** The failure of a {@code CREATE DATABASE}: said plainly when the user lacks {@code CREATEDB}. */
    private SQLException mayNotCreate(SQLException e, String server) {
        if ("42501".equals(e.getSQLState())) {
            throw new DbTestException("dbtest could not create a database for the schema on " + server
                    + ": the user " + admin.username() + " may not create databases (" + e.getMessage()
                    + ").\n  dbtest gives each schema its own database on a dbtest.url server, so that runs "
                    + "and schemas never collide.\n"
                    + "  Fix: ALTER ROLE " + admin.username() + " CREATEDB; or point dbtest.url at a server "
                    + "where the user may.", e);
        }
        return e;
    }

    /**
     * Clones the template. PostgreSQL refuses while a session is connected to the template (someone inspecting it with
     * psql, or a run of an older dbtest that worked in it): dbtest retries for a few seconds, then says who it is.
     */
    private void cloneTemplate(String template, String clone) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = keeper.createStatement()) {
                statement.execute("CREATE DATABASE " + clone + " TEMPLATE " + template);
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || attempt == CLONE_ATTEMPTS) {
                    if ("55006".equals(e.getSQLState())) {
                        throw new DbTestException("dbtest could not clone the template database " + template
                                + " for this run: " + sessionsOn(template) + " connected to it, and PostgreSQL "
                                + "copies a database only while nobody is.\n"
                                + "  dbtest keeps each schema's template untouched and gives every run a copy of "
                                + "its own.\n"
                                + "  Fix: disconnect from " + template + " (tests work in " + template + "_run_...).",
                                e);
                    }
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private String sessionsOn(String database) {
        try (PreparedStatement query = keeper.prepareStatement("SELECT count(*), string_agg(DISTINCT "
                + "coalesce(nullif(application_name, ''), 'unnamed') || ' (user ' || usename || ')', ', ') "
                + "FROM pg_stat_activity WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) + " session(s) (" + rows.getString(2) + ") are";
            }
        } catch (SQLException e) {
            return "another session is";
        }
    }

    boolean exists(String name) throws SQLException {
        try (PreparedStatement query = keeper.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The second key of the advisory lock that guards the build of the template {@code name}. */
    private static int lockKey(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** Drops this run's databases (their pools are closed by now; FORCE ends any session still on them). */
    @Override
    public synchronized void close() {
        List<String> failures = new ArrayList<>();
        try {
            for (String name : made) {
                try (Statement statement = keeper.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    failures.add(name + ": " + e.getMessage());
                }
            }
            made.clear();
        } finally {
            try {
                keeper.close(); // releases the run's lock
            } catch (SQLException ignored) {
                // the session ends either way
            }
        }
        if (!failures.isEmpty()) {
            LOG.warn("dbtest: could not drop the databases of this run (the next run drops them): {}", failures);
        }
    }
}
