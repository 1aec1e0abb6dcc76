package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;
import dev.dbtest.junit.internal.TableEmptier.Catalog;
import dev.dbtest.junit.internal.TableEmptier.Table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a schema's database holds before its first non-transactional test: the rows its scripts and migrations seeded,
 * and where its identities and sequences stood. After a non-transactional test empties the tables it wrote, their seed
 * rows are put back and their counters set back to those values, in the emptying's transaction, so that the next test
 * finds the tables as they were built (DESIGN.md, per-test transaction, point 5), as Django's
 * {@code serialized_rollback} does, without being asked.
 *
 * <p>The rows are read once per schema database and run, when the first non-transactional test on it starts: until
 * then nothing has committed in it (every other test rolls back), so they are as built (on PostgreSQL a clone of the
 * template). A run without such tests never reads them. The counters ({@link Counters}) are read when the run gets the
 * database, before any test: a test that rolls back moves them all the same. The rows are held in memory: on
 * PostgreSQL each seeded table's as {@code COPY} writes them, on H2 as the driver's values. Tables without rows cost a
 * look at each, in one query. A table whose rows could not be read is reported only when a test empties it.
 *
 * <p>Putting the rows back fires no ordinary trigger and checks no foreign key where dbtest may switch them off for its
 * session ({@code session_replication_role = replica}, which needs a PostgreSQL superuser, as dbtest's container user
 * is; triggers made {@code ENABLE ALWAYS} still fire). Otherwise the tables are filled parents first, with their enabled
 * user triggers disabled for the time (PostgreSQL: the tables' owner may) or firing (H2, whose triggers are Java classes
 * dbtest cannot switch off).
 */
final class SeedRows {

    /** A table's rows as built: the columns that take values (no generated ones) and the rows. */
    private record Seed(List<String> columns, byte[] postgresRows, List<Object[]> h2Rows, long count) {
    }

    /**
     * A counter and where it stood: on PostgreSQL a sequence a column owns ({@code serial}, identity), by its quoted
     * name, its last value and whether that value was given out ({@code is_called}); on H2 an identity column and the
     * value it gives next.
     */
    record Counter(String name, long value, boolean called) {
    }

    private final Map<Table, Seed> seeds;
    private final Map<Table, List<Counter>> counters;
    private final Map<Table, List<String>> triggers;
    private final boolean superuser;
    private final String failure;
    private final Map<Table, String> unreadable;

    private SeedRows(Map<Table, Seed> seeds, Map<Table, List<Counter>> counters, Map<Table, List<String>> triggers,
            boolean superuser, String failure, Map<Table, String> unreadable) {
        this.seeds = seeds;
        this.counters = counters;
        this.triggers = triggers;
        this.superuser = superuser;
        this.failure = failure;
        this.unreadable = unreadable;
    }

    /**
     * Where the identities and sequences of a database stand: read when the run gets it, before any test, as a test
     * that rolls back moves them all the same (they are not transactional).
     */
    record Counters(Map<Table, List<Counter>> byTable, String failure) {

        /** Reads them; a failure is kept, not thrown, like {@link SeedRows#take}'s. */
        static Counters read(Connection connection, Dialect dialect) {
            try {
                return new Counters(dialect == Dialect.POSTGRESQL ? postgresCounters(connection) : h2Counters(connection),
                        null);
            } catch (SQLException | RuntimeException e) {
                return new Counters(Map.of(), e.toString());
            }
        }
    }

    /**
     * Reads the rows {@code connection}'s database holds now, and takes {@code counters} as read before. A failure is
     * kept, not thrown: it matters only once a test empties a table, which then reports it ({@link #failure}).
     */
    static SeedRows take(Connection connection, Dialect dialect, Counters counters) {
        if (counters.failure() != null) {
            return unreadable(counters.failure());
        }
        try {
            Catalog catalog = Catalog.read(connection, dialect);
            List<Table> tables = catalog.tables.stream().filter(table -> !TableEmptier.isFlywayHistory(table)).toList();
            List<Table> seeded = withRows(connection, tables, catalog.partitioned);
            return dialect == Dialect.POSTGRESQL ? takePostgres(connection, seeded, catalog.partitioned, counters)
                    : takeH2(connection, seeded, counters);
        } catch (SQLException | RuntimeException e) {
            return unreadable(e.toString());
        }
    }

    private static Map<Table, List<Counter>> postgresCounters(Connection connection) throws SQLException {
        Map<Table, List<Counter>> counters = new LinkedHashMap<>();
        List<Table> owners = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tn.nspname, t.relname, "
                     + "quote_ident(sn.nspname) || '.' || quote_ident(s.relname) "
                     + "FROM pg_class s JOIN pg_namespace sn ON sn.oid = s.relnamespace "
                     + "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
                     + "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
                     + "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
                     + "WHERE s.relkind = 'S' ORDER BY 1, 2, 3")) {
            while (rows.next()) {
                owners.add(new Table(rows.getString(1), rows.getString(2)));
                sequences.add(rows.getString(3));
            }
        }
        if (!sequences.isEmpty()) {
            // Each sequence's own row: is_called tells a value given out from one set by RESTART WITH or setval(...,
            // false), which TRUNCATE ... RESTART IDENTITY would not bring back.
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < sequences.size(); i++) {
                sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", last_value, is_called FROM ")
                        .append(sequences.get(i));
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    int i = rows.getInt(1);
                    counters.computeIfAbsent(owners.get(i), key -> new ArrayList<>())
                            .add(new Counter(sequences.get(i), rows.getLong(2), rows.getBoolean(3)));
                }
            }
        }
        return counters;
    }

    private static Map<Table, List<Counter>> h2Counters(Connection connection) throws SQLException {
        Map<Table, List<Counter>> counters = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, IDENTITY_BASE "
                     + "FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES' ORDER BY 1, 2, ORDINAL_POSITION")) {
            while (rows.next()) {
                counters.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)), key -> new ArrayList<>())
                        .add(new Counter(rows.getString(3), rows.getLong(4), false));
            }
        }
        return counters;
    }

    /** Seed rows that could not be read, and why. */
    static SeedRows unreadable(String why) {
        return new SeedRows(Map.of(), Map.of(), Map.of(), false, why, Map.of());
    }

    /**
     * Why the seed rows of some of {@code tables} could not be read, naming them; {@code null} when all were (or had
     * none).
     */
    String failure(List<Table> tables) {
        if (failure != null) {
            return failure;
        }
        List<String> failed = new ArrayList<>();
        for (Table table : tables) {
            String why = unreadable.get(table);
            if (why != null) {
                failed.add(table + ": " + why);
            }
        }
        return failed.isEmpty() ? null : String.join("; ", failed);
    }

    /**
     * The SQL that reads the rows of {@code table} itself: on PostgreSQL not those of the tables that inherit from it,
     * unless it is partitioned (its rows are its partitions').
     */
    private static String from(Table table, java.util.Set<Table> partitioned, boolean postgres) {
        return (postgres && !partitioned.contains(table) ? "ONLY " : "") + table.sql();
    }

    /** The tables of {@code tables} that hold at least one row, in one query. */
    private static List<Table> withRows(Connection connection, List<Table> tables, java.util.Set<Table> partitioned)
            throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        if (tables.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
                    .append(" WHERE EXISTS (SELECT 1 FROM ").append(from(tables.get(i), partitioned, postgres))
                    .append(')');
        }
        List<Table> seeded = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
            while (rows.next()) {
                seeded.add(tables.get(rows.getInt(1)));
            }
        }
        return seeded;
    }

    private static SeedRows takePostgres(Connection connection, List<Table> seeded, java.util.Set<Table> partitioned,
            Counters counters) throws SQLException {
        if (seeded.isEmpty()) {
            return new SeedRows(Map.of(), counters.byTable(), Map.of(), false, null, Map.of());
        }
        boolean superuser;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('is_superuser') = 'on'")) {
            rows.next();
            superuser = rows.getBoolean(1);
        }
        Map<Table, List<String>> triggers = new LinkedHashMap<>();
        if (!superuser) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname, t.tgname FROM pg_trigger t "
                         + "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                         + "WHERE NOT t.tgisinternal AND t.tgenabled = 'O' ORDER BY 1, 2, 3")) {
                while (rows.next()) {
                    Table table = new Table(rows.getString(1), rows.getString(2));
                    if (seeded.contains(table)) {
                        triggers.computeIfAbsent(table, key -> new ArrayList<>()).add(rows.getString(3));
                    }
                }
            }
        }
        Map<Table, List<String>> columns = Catalog.valueColumns(connection, Dialect.POSTGRESQL);
        org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        Map<Table, Seed> seeds = new LinkedHashMap<>();
        Map<Table, String> unreadable = new LinkedHashMap<>();
        for (Table table : seeded) {
            List<String> names = columns.getOrDefault(table, List.of());
            if (names.isEmpty()) {
                continue; // only generated columns: the rows cannot be written back, nor told apart
            }
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            try {
                // A query, not the table: COPY refuses a partitioned table. Text, as every type has text I/O (not all
                // have binary I/O), and the same database reads it back exactly.
                long count = copy.copyOut("COPY (SELECT " + list(names) + " FROM " + from(table, partitioned, true)
                        + ") TO STDOUT", rows);
                seeds.put(table, new Seed(names, rows.toByteArray(), null, count));
            } catch (SQLException | IOException e) {
                unreadable.put(table, e.toString()); // told only if a test empties this table
            }
        }
        return new SeedRows(seeds, counters.byTable(), triggers, superuser, null, unreadable);
    }

    private static SeedRows takeH2(Connection connection, List<Table> seeded, Counters counters) throws SQLException {
        Map<Table, Seed> seeds = new LinkedHashMap<>();
        Map<Table, String> unreadable = new LinkedHashMap<>();
        if (!seeded.isEmpty()) {
            Map<Table, List<String>> columns = Catalog.valueColumns(connection, Dialect.H2);
            for (Table table : seeded) {
                List<String> names = columns.getOrDefault(table, List.of());
                if (names.isEmpty()) {
                    continue;
                }
                List<Object[]> values = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT " + list(names) + " FROM " + table.sql())) {
                    while (rows.next()) {
                        Object[] row = new Object[names.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = detached(rows.getObject(i + 1));
                        }
                        values.add(row);
                    }
                    seeds.put(table, new Seed(names, null, values, values.size()));
                } catch (SQLException e) {
                    unreadable.put(table, e.toString());
                }
            }
        }
        return new SeedRows(seeds, counters.byTable(), Map.of(), false, null, unreadable);
    }

    /** The database refused the seed rows of {@link #table}. */
    static final class Refused extends SQLException {
        final transient Table table;

        Refused(Table table, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.table = table;
        }
    }

    /** A value that outlives its result set: large objects and arrays read out. */
    private static Object detached(Object value) throws SQLException {
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof Array array) {
            return array.getArray();
        }
        return value;
    }

    private static String list(List<String> columns) {
        return String.join(", ", columns.stream().map(TableEmptier::quote).toList());
    }

    /**
     * PostgreSQL, after {@code TRUNCATE ... RESTART IDENTITY} of {@code emptied} (children first) in the transaction
     * of {@code connection}: puts their seed rows back, parents first, when {@code putRowsBack}, and sets the sequences
     * their columns own to where they stood.
     *
     * @return the rows put back, per table
     * @throws Refused when the server refused a table's rows
     */
    Map<Table, Long> restorePostgres(Connection connection, List<Table> emptied, boolean putRowsBack)
            throws SQLException {
        Map<Table, Long> restored = new LinkedHashMap<>();
        List<Table> parentsFirst = new ArrayList<>(putRowsBack ? emptied : List.of());
        Collections.reverse(parentsFirst);
        try (Statement statement = connection.createStatement()) {
            if (parentsFirst.stream().anyMatch(seeds::containsKey)) {
                // Until the commit: no trigger fires and no foreign key is checked, so that rows that reference each
                // other come back in any order. Else the deferrable foreign keys wait for the commit, at least.
                statement.execute(superuser ? "SET LOCAL session_replication_role = replica"
                        : "SET CONSTRAINTS ALL DEFERRED");
            }
            org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            for (Table table : parentsFirst) {
                Seed seed = seeds.get(table);
                if (seed == null) {
                    continue;
                }
                List<String> disabled = triggers.getOrDefault(table, List.of());
                for (String trigger : disabled) {
                    statement.execute("ALTER TABLE " + table.sql() + " DISABLE TRIGGER " + TableEmptier.quote(trigger));
                }
                try {
                    restored.put(table, copy.copyIn("COPY " + table.sql() + " (" + list(seed.columns())
                            + ") FROM STDIN", new ByteArrayInputStream(seed.postgresRows())));
                } catch (IOException e) {
                    throw new Refused(table, new SQLException(e.toString(), e));
                } catch (SQLException e) {
                    throw new Refused(table, e);
                }
                for (String trigger : disabled) {
                    statement.execute("ALTER TABLE " + table.sql() + " ENABLE TRIGGER " + TableEmptier.quote(trigger));
                }
            }
            try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?, ?, ?)")) {
                for (Table table : emptied) {
                    for (Counter sequence : counters.getOrDefault(table, List.of())) {
                        setval.setString(1, sequence.name());
                        setval.setLong(2, sequence.value());
                        setval.setBoolean(3, sequence.called());
                        setval.execute();
                    }
                }
            }
        }
        return restored;
    }

    /**
     * H2, after the {@code DELETE}s of {@code emptied} (children first) in the transaction of {@code connection}: puts
     * their seed rows back, parents first. The identities are set back by {@link #restartH2Identities}, after the
     * commit (an {@code ALTER TABLE} commits on H2).
     *
     * @return the rows put back, per table
     * @throws Refused when the database refused a table's rows
     */
    Map<Table, Long> restoreH2(Connection connection, List<Table> emptied) throws SQLException {
        Map<Table, Long> restored = new LinkedHashMap<>();
        List<Table> parentsFirst = new ArrayList<>(emptied);
        Collections.reverse(parentsFirst);
        for (Table table : parentsFirst) {
            Seed seed = seeds.get(table);
            if (seed == null) {
                continue;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.sql() + " ("
                    + list(seed.columns()) + ") OVERRIDING SYSTEM VALUE VALUES ("
                    + String.join(", ", Collections.nCopies(seed.columns().size(), "?")) + ")")) {
                for (Object[] row : seed.h2Rows()) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new Refused(table, e);
            }
            restored.put(table, seed.count());
        }
        return restored;
    }

    /** H2: restarts each identity column of {@code emptied} with the value it would have given next when built. */
    void restartH2Identities(Connection connection, List<Table> emptied) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Table table : emptied) {
                for (Counter identity : counters.getOrDefault(table, List.of())) {
                    statement.execute("ALTER TABLE " + table.sql() + " ALTER COLUMN " + TableEmptier.quote(identity.name())
                            + " RESTART WITH " + identity.value());
                }
            }
        }
    }
}
