package dev.dbtest.junit.internal;

import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.DbTestException;
import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.WrittenTables;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Empties, after a non-transactional test, the tables it wrote (DESIGN.md, per-test transaction, point 5), puts back the
 * rows they held when the run got the database (the schema's seed data, {@link SeedRows}) and sets their identities back
 * to where they stood then: the tables statement capture saw written, plus those whose foreign keys reference them
 * (their rows could not stay), children before parents; every table of the schema when a write named no table dbtest
 * could find. Flyway's history table is never emptied.
 */
final class TableEmptier {

    /** A table of the schema as the catalog names it. */
    record Table(String schema, String name) {
        String sql() {
            return quote(schema) + "." + quote(name);
        }

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    /** What was emptied, why every table was (when it was), and the seed rows put back, per table. */
    record Emptied(List<Table> tables, List<String> unattributed, Map<Table, Long> restored) {
    }


    private TableEmptier() {
    }

    /**
     * Empties the tables {@code writes} wrote on {@code connection} (its own, from the pool; nothing else runs on it).
     *
     * @throws DbTestException when the database refused; the message names the test and the tables
     */
    static Emptied empty(SchemaDatabase database, String owner, List<CapturedStatement> writes) {
        if (writes.isEmpty()) {
            return new Emptied(List.of(), List.of(), Map.of());
        }
        SeedRows seeds = database.seeds();
        WrittenTables.Result written = WrittenTables.of(writes);
        List<String> unattributed = new ArrayList<>(written.unattributed());
        List<Table> toEmpty = List.of();
        try (Connection connection = database.pool().getConnection()) {
            Catalog catalog = Catalog.read(connection, database.dialect());
            Set<Table> tables = new LinkedHashSet<>();
            for (WrittenTables.Name name : written.tables()) {
                Table table = catalog.find(name);
                if (table == null) {
                    unattributed.add("a write to " + name + ", which is no table of the schema (a view, a temporary "
                            + "table, or a table of another schema)");
                } else if (!isFlywayHistory(table)) {
                    tables.add(table);
                }
            }
            if (!unattributed.isEmpty()) {
                tables.clear();
                catalog.tables.stream().filter(table -> !isFlywayHistory(table)).forEach(tables::add);
            }
            toEmpty = catalog.childrenFirst(catalog.withReferencing(tables));
            if (toEmpty.isEmpty()) {
                return new Emptied(toEmpty, unattributed, Map.of());
            }
            Map<Table, Long> restored;
            try {
                restored = emptyTables(connection, database.dialect(), toEmpty, seeds, true);
            } catch (SeedRows.Refused refused) {
                // Rolled back: the tables hold the test's rows. Empty at least, they mislead the next tests less.
                emptyTables(connection, database.dialect(), toEmpty, seeds, false);
                throw notRestored(database, owner, toEmpty, refused);
            }
            String unread = seeds.failure(toEmpty);
            if (unread != null) {
                throw unread(database, owner, toEmpty, unread);
            }
            return new Emptied(toEmpty, unattributed, restored);
        } catch (SQLException e) {
            throw new DbTestException("dbtest could not empty the tables " + owner + " wrote: "
                    + Secrets.scrub(e.getMessage(), database.spec()) + "\n"
                    + "  in: " + owner + " (non-transactional), on " + database.name() + "; tables: "
                    + (toEmpty.isEmpty() ? "not read yet" : toEmpty) + "\n"
                    + "  why: a non-transactional test commits for real, so dbtest empties the tables it wrote after "
                    + "it; until they are empty, the next tests see its rows.\n"
                    + "  fix: find out why the server refused (its answer above: a lock held by a connection the test "
                    + "left to another thread, a trigger, a permission) and fix that.", Secrets.scrub(e, database.spec()));
        }
    }

    private static DbTestException notRestored(SchemaDatabase database, String owner, List<Table> emptied,
            SeedRows.Refused refused) {
        return new DbTestException("dbtest could not put back the seed rows of " + refused.table + " (the rows the "
                + "schema held before the tests) after emptying the tables " + owner + " wrote: "
                + Secrets.scrub(refused.getMessage(), database.spec()) + "\n"
                + "  in: " + owner + " (non-transactional), on " + database.name() + "; tables: " + emptied
                + " (emptied without their seed rows: the next tests find them empty)\n"
                + "  why: a non-transactional test commits for real, so dbtest empties the tables it wrote after it "
                + "and puts back the rows its scripts or migrations seeded.\n"
                + "  fix: " + (database.dialect() == Dialect.H2 ? "on H2 the rows come back parents first and each "
                + "row's foreign keys are checked as it arrives: a seed row that references a row that comes after it "
                + "(later in its own table, or in a table that references this one: a cycle) cannot come back; seed "
                + "the referenced rows first. Otherwise find out why the database refused (its answer above)."
                : "find out why the server refused (its answer above: a trigger, a permission, a foreign key the user "
                + "may not defer); as a superuser dbtest switches triggers and foreign keys off while it puts the "
                + "rows back."), Secrets.scrub(refused.getCause(), database.spec()));
    }

    /** The message when seed rows could not be read, so were not put back: the tables are empty, at least. */
    private static DbTestException unread(SchemaDatabase database, String owner, List<Table> emptied, String why) {
        return new DbTestException("dbtest emptied the tables " + owner + " wrote, but could not put back the rows "
                + "they held before the tests (their seed data): it could not read them before the first "
                + "non-transactional test: " + Secrets.scrub(why, database.spec()) + "\n"
                + "  in: " + owner + " (non-transactional), on " + database.name() + "; tables: " + emptied + "\n"
                + "  why: a non-transactional test commits for real, so dbtest empties the tables it wrote after it "
                + "and puts back the rows its scripts or migrations seeded; the next tests find those tables empty.\n"
                + "  fix: find out why the database refused (its answer above; on a dbtest.url server, a permission "
                + "of the user on a table or sequence of the schema) and fix that.");
    }

    static boolean isFlywayHistory(Table table) {
        return table.name().equalsIgnoreCase("flyway_schema_history");
    }

    /**
     * Empties {@code tables} (children first) in one transaction with their seed rows put back when
     * {@code putRowsBack}, and sets their counters back to where they stood before the tests.
     *
     * @throws SeedRows.Refused when the database refused a table's seed rows: everything is rolled back
     */
    private static Map<Table, Long> emptyTables(Connection connection, Dialect dialect, List<Table> tables,
            SeedRows seeds, boolean putRowsBack) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            Map<Table, Long> restored = Map.of();
            if (dialect == Dialect.POSTGRESQL) {
                // One statement for all: TRUNCATE takes foreign keys among the listed tables in any order, and
                // RESTART IDENTITY restarts the sequences the tables' columns own (serial and identity columns).
                statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(Table::sql).toList())
                        + " RESTART IDENTITY");
                restored = seeds.restorePostgres(connection, tables, putRowsBack);
                connection.commit();
                return restored;
            }
            // H2 refuses to TRUNCATE a table a foreign key references: DELETE, children first, then restart identities
            // (ALTER TABLE commits on H2, so after the deletes and the seed rows).
            for (Table table : tables) {
                statement.executeUpdate("DELETE FROM " + table.sql());
            }
            if (putRowsBack) {
                restored = seeds.restoreH2(connection, tables);
            }
            connection.commit();
            seeds.restartH2Identities(connection, tables);
            connection.commit();
            return restored;
        } catch (SQLException | RuntimeException | Error e) {
            // Anything: switching auto-commit back on below would commit what this transaction did so far.
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The tables of the schema, its foreign keys and (on H2) identity columns, as the server's catalog has them. */
    static final class Catalog {
        final List<Table> tables = new ArrayList<>();
        final String defaultSchema;
        final Map<Table, Set<Table>> parents = new LinkedHashMap<>(); // child -> the tables its foreign keys reference
        // PostgreSQL: a table -> the tables that inherit from it (INHERITS, not partitions), which its TRUNCATE empties
        final Map<Table, Set<Table>> inheritors = new LinkedHashMap<>();
        // PostgreSQL: the partitioned tables, whose rows are their partitions'
        final Set<Table> partitioned = new LinkedHashSet<>();
        final Map<Table, List<String>> identities = new LinkedHashMap<>();

        private Catalog(String defaultSchema) {
            this.defaultSchema = defaultSchema;
        }

        static Catalog read(Connection connection, Dialect dialect) throws SQLException {
            return dialect == Dialect.POSTGRESQL ? readPostgres(connection) : readH2(connection);
        }

        private static Catalog readPostgres(Connection connection) throws SQLException {
            Catalog catalog;
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT current_schema()")) {
                    rows.next();
                    catalog = new Catalog(rows.getString(1));
                }
                try (ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                        + "AND NOT c.relispartition AND n.nspname <> 'information_schema' "
                        + "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2")) {
                    while (rows.next()) {
                        Table table = new Table(rows.getString(1), rows.getString(2));
                        catalog.tables.add(table);
                        if (rows.getString(3).equals("p")) {
                            catalog.partitioned.add(table);
                        }
                    }
                }
                readPairs(statement, "SELECT pn.nspname, p.relname, cn.nspname, c.relname "
                        + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "JOIN pg_namespace cn ON cn.oid = c.relnamespace JOIN pg_class p ON p.oid = i.inhparent "
                        + "JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE NOT c.relispartition",
                        catalog.inheritors);
                readPairs(statement, "SELECT cn.nspname, cc.relname, pn.nspname, pc.relname "
                        + "FROM pg_constraint k JOIN pg_class cc ON cc.oid = k.conrelid "
                        + "JOIN pg_namespace cn ON cn.oid = cc.relnamespace JOIN pg_class pc ON pc.oid = k.confrelid "
                        + "JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE k.contype = 'f'", catalog.parents);
            }
            return catalog;
        }

        /** Adds each row's second table (its last two columns) to the set of its first (its first two) in {@code into}. */
        private static void readPairs(Statement statement, String sql, Map<Table, Set<Table>> into) throws SQLException {
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    into.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)), key -> new LinkedHashSet<>())
                            .add(new Table(rows.getString(3), rows.getString(4)));
                }
            }
        }

        private static Catalog readH2(Connection connection) throws SQLException {
            Catalog catalog = new Catalog(connection.getSchema());
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet rows = metaData.getTables(null, null, "%", new String[] {"TABLE", "BASE TABLE"})) {
                while (rows.next()) {
                    String schema = rows.getString("TABLE_SCHEM");
                    // H2's PostgreSQL mode adds a pg_catalog of tables of its own
                    if (!schema.equalsIgnoreCase("INFORMATION_SCHEMA") && !schema.equalsIgnoreCase("PG_CATALOG")) {
                        catalog.tables.add(new Table(schema, rows.getString("TABLE_NAME")));
                    }
                }
            }
            for (Table table : catalog.tables) {
                try (ResultSet rows = metaData.getImportedKeys(null, table.schema(), table.name())) {
                    while (rows.next()) {
                        catalog.parents.computeIfAbsent(table, key -> new LinkedHashSet<>())
                                .add(new Table(rows.getString("PKTABLE_SCHEM"), rows.getString("PKTABLE_NAME")));
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME "
                         + "FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES'")) {
                while (rows.next()) {
                    catalog.identities.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)),
                            key -> new ArrayList<>()).add(rows.getString(3));
                }
            }
            return catalog;
        }

        /**
         * The columns of every table that take values (not generated ones, not dropped ones), in their order, by
         * table: what a copy of the rows reads and writes.
         */
        static Map<Table, List<String>> valueColumns(Connection connection, Dialect dialect) throws SQLException {
            String sql = dialect == Dialect.POSTGRESQL
                    ? "SELECT n.nspname, c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 "
                    + "AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY n.nspname, c.relname, a.attnum"
                    : "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                    + "WHERE IS_GENERATED <> 'ALWAYS' ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
            Map<Table, List<String>> columns = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    columns.computeIfAbsent(new Table(rows.getString(1), rows.getString(2)), key -> new ArrayList<>())
                            .add(rows.getString(3));
                }
            }
            return columns;
        }

        /** The table {@code name} means: in its schema, or unqualified in the default schema, else the only one so named. */
        Table find(WrittenTables.Name name) {
            List<Table> candidates = new ArrayList<>();
            for (Table table : tables) {
                if (table.name().equals(name.table()) && (name.schema() == null || table.schema().equals(name.schema()))) {
                    candidates.add(table);
                }
            }
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
            return candidates.stream().filter(table -> table.schema().equals(defaultSchema)).findFirst()
                    .orElse(null);
        }

        /**
         * {@code tables} and, transitively, every table whose foreign keys reference one of them, and every table that
         * inherits from one of them (a TRUNCATE empties it too).
         */
        Set<Table> withReferencing(Set<Table> tables) {
            Set<Table> all = new LinkedHashSet<>(tables);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map.Entry<Table, Set<Table>> entry : parents.entrySet()) {
                    if (!all.contains(entry.getKey()) && entry.getValue().stream().anyMatch(all::contains)) {
                        all.add(entry.getKey());
                        grew = true;
                    }
                }
                for (Table table : List.copyOf(all)) {
                    for (Table inheritor : inheritors.getOrDefault(table, Set.of())) {
                        grew |= all.add(inheritor);
                    }
                }
            }
            return all;
        }

        /** {@code tables} ordered so that a table comes before those its foreign keys reference; cycles as found. */
        List<Table> childrenFirst(Set<Table> tables) {
            List<Table> ordered = new ArrayList<>();
            Set<Table> left = new LinkedHashSet<>(tables);
            while (!left.isEmpty()) {
                Table next = left.stream()
                        .filter(candidate -> left.stream().noneMatch(other -> other != candidate
                                && !other.equals(candidate)
                                && parents.getOrDefault(other, Set.of()).contains(candidate)))
                        .findFirst()
                        .orElse(left.iterator().next()); // a cycle of foreign keys: any order may do
                ordered.add(next);
                left.remove(next);
            }
            return ordered;
        }
    }

}
