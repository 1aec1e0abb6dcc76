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
 * What a schema's database holds when a run gets it, before any test: the rows its scripts and migrations seeded, and
 * where its identities and sequences stood. After a non-transactional test empties the tables it wrote, their seed rows
 * are put back and their counters set back to those values, in the emptying's transaction, so that the next test finds
 * the database as it was built (DESIGN.md, per-test transaction, point 5), as Django's {@code serialized_rollback}
 * does, without being asked.
 *
 * <p>Taken once per schema database and run, when the run gets the database (a clone of the template on PostgreSQL, so
 * always as built), and held in memory: on PostgreSQL each seeded table's rows as {@code COPY} gives them (binary, so
 * every type comes back exact), on H2 as the driver's values. Tables without rows cost a look at each in one query.
 *
 * <p>Putting the rows back fires no trigger and checks no foreign key where the user may switch them off
 * ({@code session_replication_role = replica}, which needs a PostgreSQL superuser, as dbtest's container user is).
 * Otherwise the tables are filled parents first, with their enabled user triggers disabled for the time (PostgreSQL: the
 * tables' owner may) or firing (H2, whose triggers are Java classes dbtest cannot switch off).
 */
final class SeedRows {

    /** A table's rows as built: the columns that take values (no generated ones) and the rows. */
    private record Seed(List<String> columns, byte[] postgresRows, List<Object[]> h2Rows, long count) {
    }

    /**
     * A counter and where it stood: on PostgreSQL a sequence a column owns ({@code serial}, identity), by its quoted
     * name, and its last value (only those used by then); on H2 an identity column and the value it gives next.
     */
    private record Counter(String name, long value) {
    }

    private final Map<Table, Seed> seeds;
    private final Map<Table, List<Counter>> counters;
    private final Map<Table, List<String>> triggers;
    private final boolean superuser;
    private final String failure;

    private SeedRows(Map<Table, Seed> seeds, Map<Table, List<Counter>> counters, Map<Table, List<String>> triggers,
            boolean superuser, String failure) {
        this.seeds = seeds;
        this.counters = counters;
        this.triggers = triggers;
        this.superuser = superuser;
        this.failure = failure;
    }

    /**
     * Reads what {@code connection}'s database holds now. A failure is kept, not thrown: it matters only to a
     * non-transactional test, which then reports it ({@link #failure()}); a run without such tests goes on.
     */
    static SeedRows take(Connection connection, Dialect dialect) {
        try {
            Catalog catalog = Catalog.read(connection, dialect);
            List<Table> tables = catalog.tables.stream().filter(table -> !TableEmptier.isFlywayHistory(table)).toList();
            List<Table> seeded = withRows(connection, tables);
            return dialect == Dialect.POSTGRESQL ? takePostgres(connection, seeded) : takeH2(connection, seeded);
        } catch (SQLException | RuntimeException e) {
            return unreadable(e.toString());
        }
    }

    /** Seed rows that could not be read, and why. */
    static SeedRows unreadable(String why) {
        return new SeedRows(Map.of(), Map.of(), Map.of(), false, why);
    }

    /** Why the rows could not be read when the run got the database; {@code null} when they were. */
    String failure() {
        return failure;
    }

    /** The number of rows seeded into {@code table}; 0 when it had none. */
    long rows(Table table) {
        Seed seed = seeds.get(table);
        return seed == null ? 0 : seed.count();
    }

    /** The tables of {@code tables} that hold at least one row, in one query. */
    private static List<Table> withRows(Connection connection, List<Table> tables) throws SQLException {
        if (tables.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < tables.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
                    .append(" WHERE EXISTS (SELECT 1 FROM ").append(tables.get(i).sql()).append(')');
        }
        List<Table> seeded = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
            while (rows.next()) {
                seeded.add(tables.get(rows.getInt(1)));
            }
        }
        return seeded;
    }

    private static SeedRows takePostgres(Connection connection, List<Table> seeded) throws SQLException {
        Map<Table, List<Counter>> counters = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tn.nspname, t.relname, "
                     + "quote_ident(sn.nspname) || '.' || quote_ident(s.relname), pg_sequence_last_value(s.oid) "
                     + "FROM pg_class s JOIN pg_namespace sn ON sn.oid = s.relnamespace "
                     + "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
                     + "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
                     + "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace "
                     + "WHERE s.relkind = 'S' ORDER BY 1, 2, 3")) {
            while (rows.next()) {
                long last = rows.getLong(4);
                if (!rows.wasNull()) { // never used: TRUNCATE ... RESTART IDENTITY puts it where it was
                    counters.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)), key -> new ArrayList<>())
                            .add(new Counter(rows.getString(3), last));
                }
            }
        }
        if (seeded.isEmpty()) {
            return new SeedRows(Map.of(), counters, Map.of(), false, null);
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
        Map<Table, List<String>> columns = columns(connection, "SELECT n.nspname, c.relname, a.attname "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 "
                + "AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY n.nspname, c.relname, a.attnum");
        org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        Map<Table, Seed> seeds = new LinkedHashMap<>();
        for (Table table : seeded) {
            List<String> names = columns.getOrDefault(table, List.of());
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            try {
                // A query, not the table: COPY refuses a partitioned table. Binary: the same database takes it back.
                long count = copy.copyOut("COPY (SELECT " + list(names) + " FROM " + table.sql()
                        + ") TO STDOUT (FORMAT binary)", rows);
                seeds.put(table, new Seed(names, rows.toByteArray(), null, count));
            } catch (IOException e) {
                throw new SQLException("could not read the rows of " + table + ": " + e, e);
            }
        }
        return new SeedRows(seeds, counters, triggers, superuser, null);
    }

    private static SeedRows takeH2(Connection connection, List<Table> seeded) throws SQLException {
        Map<Table, List<Counter>> counters = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, IDENTITY_BASE "
                     + "FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES' ORDER BY 1, 2, ORDINAL_POSITION")) {
            while (rows.next()) {
                counters.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)), key -> new ArrayList<>())
                        .add(new Counter(rows.getString(3), rows.getLong(4)));
            }
        }
        Map<Table, Seed> seeds = new LinkedHashMap<>();
        if (!seeded.isEmpty()) {
            Map<Table, List<String>> columns = columns(connection, "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME "
                    + "FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_GENERATED <> 'ALWAYS' "
                    + "ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION");
            for (Table table : seeded) {
                List<String> names = columns.getOrDefault(table, List.of());
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
                }
                seeds.put(table, new Seed(names, null, values, values.size()));
            }
        }
        return new SeedRows(seeds, counters, Map.of(), false, null);
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

    /** The third column of {@code sql}'s rows, by the table the first two name, in the order of the rows. */
    private static Map<Table, List<String>> columns(Connection connection, String sql) throws SQLException {
        Map<Table, List<String>> columns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                columns.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)), key -> new ArrayList<>())
                        .add(rows.getString(3));
            }
        }
        return columns;
    }

    private static String list(List<String> columns) {
        return String.join(", ", columns.stream().map(TableEmptier::quote).toList());
    }

    /**
     * PostgreSQL, after {@code TRUNCATE ... RESTART IDENTITY} of {@code emptied} (children first) in the transaction
     * of {@code connection}: puts their seed rows back, parents first, and sets the sequences their columns own to
     * where they stood.
     *
     * @return the rows put back, per table
     */
    Map<Table, Long> restorePostgres(Connection connection, List<Table> emptied) throws SQLException {
        Map<Table, Long> restored = new LinkedHashMap<>();
        List<Table> parentsFirst = new ArrayList<>(emptied);
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
                            + ") FROM STDIN (FORMAT binary)", new ByteArrayInputStream(seed.postgresRows())));
                } catch (IOException e) {
                    throw new SQLException("could not write the rows of " + table + ": " + e, e);
                }
                for (String trigger : disabled) {
                    statement.execute("ALTER TABLE " + table.sql() + " ENABLE TRIGGER " + TableEmptier.quote(trigger));
                }
            }
            for (Table table : emptied) {
                for (Counter sequence : counters.getOrDefault(table, List.of())) {
                    try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?, ?, true)")) {
                        setval.setString(1, sequence.name());
                        setval.setLong(2, sequence.value());
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
