package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;
import dev.dbtest.junit.internal.TableEmptier.Catalog;
import dev.dbtest.junit.internal.TableEmptier.Table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dbtest.keep-on-failure}: the rows a failed test saw, committed into a database of their own that outlives the
 * run, for a person to look at with psql or H2's shell (what pgtestdb does by keeping the failed test's database).
 *
 * <p>The copy gets the schema the way the test's database got it (entities, migrations, scripts), is emptied of the rows
 * the scripts seeded, then receives every row of every table, as the failed test's own transaction sees them: its
 * uncommitted rows included. Sequences and identities continue after the largest copied value.
 */
final class FailureCopy {

    /** The directory under the working directory (the module, under Maven) where copies of H2 databases go. */
    static final String H2_DIRECTORY = "target/dbtest-failed";
    private static final int POSTGRES_NAME_LIMIT = 63;

    /** What was copied: rows per table, and a note when the copy is not what the test saw at its end. */
    record Copied(Map<Table, Long> counts, String note) {
    }

    private FailureCopy() {
    }

    /**
     * The name of the copy of a test's database: {@code dbtest_failed_<class>_<method>_<hash of the unique id>}, at most
     * 63 characters (PostgreSQL's limit), lower case; the hash tells repetitions and parameterized invocations apart.
     */
    static String name(String classSimpleName, String method, String uniqueId) {
        String hash = sha256(uniqueId).substring(0, 8);
        String slug = (classSimpleName + "_" + method).replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
        String prefix = "dbtest_failed_";
        int room = POSTGRES_NAME_LIMIT - prefix.length() - 1 - hash.length();
        if (slug.length() > room) {
            slug = slug.substring(0, room);
        }
        slug = slug.replaceAll("^_+|_+$", "");
        return prefix + slug + "_" + hash;
    }

    /** Creates (replacing one of that name) the database {@code name} beside {@code admin}'s, and builds its schema. */
    static ConnectionSpec createOnPostgres(ConnectionSpec admin, String name, DatabaseServer.SchemaBuilder builder)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                if (!"42601".equals(e.getSQLState())) { // WITH (FORCE) is new in PostgreSQL 13
                    throw e;
                }
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
            statement.execute("CREATE DATABASE " + name);
        }
        ConnectionSpec copy = admin.withPostgresDatabase(name);
        builder.build(copy);
        return copy;
    }

    /**
     * Creates (replacing an earlier copy) an H2 file database under {@value #H2_DIRECTORY} with the settings of the
     * test's database {@code source} (its mode, its case of names), and builds its schema.
     */
    static ConnectionSpec createOnH2(ConnectionSpec source, String name, DatabaseServer.SchemaBuilder builder)
            throws SQLException {
        Path file = h2File(name);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(name + ".trace.db"));
        } catch (IOException e) {
            throw new SQLException("dbtest could not make " + file + ": " + e, e);
        }
        String url = "jdbc:h2:file:" + file.resolveSibling(name).toString().replace('\\', '/') + h2Settings(source.url());
        ConnectionSpec copy = new ConnectionSpec(url, "sa", "");
        builder.build(copy);
        return copy;
    }

    /** The file of the H2 copy {@code name}. */
    static Path h2File(String name) {
        return Paths.get(H2_DIRECTORY).toAbsolutePath().normalize().resolve(name + ".mv.db");
    }

    /** Deletes what {@link #createOnH2} made, after a copy that failed half way. */
    static void dropOnH2(String name) {
        try {
            Files.deleteIfExists(h2File(name));
            Files.deleteIfExists(h2File(name).resolveSibling(name + ".trace.db"));
        } catch (IOException ignored) {
            // a file that cannot be deleted was not made by dbtest (the reason the copy failed, most likely)
        }
    }

    /** Drops what {@link #createOnPostgres} made, after a copy that failed half way. */
    static void dropOnPostgres(ConnectionSpec admin, String name) {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // the message of the copy's failure names the copy and how to drop it
        }
    }

    /**
     * The settings of an H2 URL that shape its data ({@code ;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE} and such),
     * without those that only fit an in-memory database or a server of its own.
     */
    static String h2Settings(String url) {
        StringBuilder settings = new StringBuilder();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            String key = parts[i].split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
            if (!key.isEmpty() && !List.of("DB_CLOSE_DELAY", "DB_CLOSE_ON_EXIT", "AUTO_SERVER", "AUTO_SERVER_PORT",
                    "IFEXISTS", "INIT", "USER", "PASSWORD", "ACCESS_MODE_DATA", "FILE_LOCK").contains(key)) {
                settings.append(';').append(parts[i]);
            }
        }
        return settings.toString();
    }

    /** A psql command for a copy on PostgreSQL: a libpq URI, its password shown as {@code ***} when it has one. */
    static String psql(ConnectionSpec copy, boolean hasPassword) {
        String rest = copy.url().substring("jdbc:postgresql://".length());
        int query = rest.indexOf('?');
        String hostPortDatabase = query < 0 ? rest : rest.substring(0, query);
        String user = copy.username() == null ? "" : copy.username() + (hasPassword ? ":***" : "") + "@";
        return "psql \"postgresql://" + user + hostPortDatabase + "\"";
    }

    /** A command that opens H2's shell on a copy, with the H2 jar this run used. */
    static String h2Shell(ConnectionSpec copy) {
        String jar;
        try {
            jar = Paths.get(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            jar = "h2.jar";
        }
        return "java -cp " + jar + " org.h2.tools.Shell -url \"" + copy.url() + "\" -user " + copy.username();
    }

    /**
     * Copies every row of every table {@code source} sees (in its current transaction, uncommitted rows included) into
     * the tables of the same name in {@code target}, after emptying those, and commits.
     *
     * @return the number of rows copied per table, in the order they were copied
     */
    static Map<Table, Long> copy(Connection source, Dialect dialect, ConnectionSpec target, boolean lockTimeout)
            throws SQLException {
        if (lockTimeout && dialect == Dialect.POSTGRESQL) {
            try (Statement statement = source.createStatement()) {
                statement.execute("SET lock_timeout = '10s'");
            }
            try {
                return copy(source, dialect, target, false);
            } finally {
                try (Statement statement = source.createStatement()) {
                    statement.execute("RESET lock_timeout");
                }
            }
        }
        Catalog from = Catalog.read(source, dialect);
        try (Connection to = DriverManager.getConnection(target.url(), target.username(), target.password())) {
            Catalog into = Catalog.read(to, dialect);
            List<Table> shared = new ArrayList<>(from.tables);
            shared.retainAll(into.tables);
            // Parents before children, so that foreign keys hold as rows arrive when they cannot be switched off.
            List<Table> parentsFirst = new ArrayList<>(into.childrenFirst(new LinkedHashSet<>(shared)));
            Collections.reverse(parentsFirst);
            Map<Table, Long> counts = new LinkedHashMap<>();
            if (dialect == Dialect.POSTGRESQL) {
                copyPostgres(source, to, into, parentsFirst, counts);
            } else {
                copyH2(source, to, into, parentsFirst, counts);
            }
            return counts;
        }
    }

    private static void copyPostgres(Connection source, Connection to, Catalog into, List<Table> tables,
            Map<Table, Long> counts) throws SQLException {
        try (Statement statement = to.createStatement()) {
            try {
                // Foreign keys and triggers off for this session, so that cycles of foreign keys copy too; needs a
                // superuser, which dbtest's container user is. Without it, the parents-first order has to do.
                statement.execute("SET session_replication_role = replica");
            } catch (SQLException notSuperuser) {
                // 42501: permission denied; the order of the tables keeps the foreign keys
            }
            to.setAutoCommit(false);
            if (!tables.isEmpty()) {
                statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(Table::sql).toList())
                        + " RESTART IDENTITY");
            }
            org.postgresql.copy.CopyManager out = source.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            org.postgresql.copy.CopyManager in = to.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            Map<Table, List<String>> valueColumns = Catalog.valueColumns(to, Dialect.POSTGRESQL);
            for (Table table : tables) {
                String columns = String.join(", ", valueColumns.getOrDefault(table, List.of()).stream()
                        .map(TableEmptier::quote).toList());
                ByteArrayOutputStream rows = new ByteArrayOutputStream();
                try {
                    // Text, not binary: binary rows carry type oids (of enums, domains, composites in arrays) that
                    // differ between two databases. A query, not the table: COPY refuses a partitioned table.
                    out.copyOut("COPY (SELECT " + columns + " FROM " + table.sql() + ") TO STDOUT", rows);
                    long copied = in.copyIn("COPY " + table.sql() + " (" + columns + ") FROM STDIN",
                            new ByteArrayInputStream(rows.toByteArray()));
                    counts.put(table, copied);
                } catch (IOException e) {
                    throw new SQLException("dbtest could not copy the rows of " + table + ": " + e, e);
                }
            }
            for (Table table : tables) {
                resetPostgresSequences(to, table);
            }
            to.commit();
        }
    }

    /** Sets each sequence a column of {@code table} owns (serial, identity) to continue after the largest value. */
    private static void resetPostgresSequences(Connection connection, Table table) throws SQLException {
        List<String[]> sequences = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.attname, "
                + "pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2) != null) {
                        sequences.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
        }
        for (String[] sequence : sequences) {
            try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?, COALESCE((SELECT max("
                    + TableEmptier.quote(sequence[0]) + ") FROM " + table.sql() + "), 0) + 1, false)")) {
                setval.setString(1, sequence[1]);
                setval.execute();
            }
        }
    }

    private static void copyH2(Connection source, Connection to, Catalog into, List<Table> tables,
            Map<Table, Long> counts) throws SQLException {
        try (Statement statement = to.createStatement()) {
            statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
            to.setAutoCommit(false);
            for (Table table : tables) {
                statement.executeUpdate("DELETE FROM " + table.sql());
            }
            Map<Table, List<String>> valueColumns = Catalog.valueColumns(to, Dialect.H2);
            for (Table table : tables) {
                List<String> columns = valueColumns.getOrDefault(table, List.of());
                String list = String.join(", ", columns.stream().map(TableEmptier::quote).toList());
                long copied = 0;
                try (Statement read = source.createStatement();
                     ResultSet rows = read.executeQuery("SELECT " + list + " FROM " + table.sql());
                     PreparedStatement insert = to.prepareStatement("INSERT INTO " + table.sql() + " (" + list
                             + ") OVERRIDING SYSTEM VALUE VALUES (" + String.join(", ",
                             Collections.nCopies(columns.size(), "?")) + ")")) {
                    while (rows.next()) {
                        for (int i = 1; i <= columns.size(); i++) {
                            insert.setObject(i, rows.getObject(i));
                        }
                        insert.addBatch();
                        if (++copied % 500 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                counts.put(table, copied);
            }
            to.commit();
            // ALTER TABLE commits on H2: after the rows.
            for (Table table : tables) {
                for (String column : into.identities.getOrDefault(table, List.of())) {
                    long next;
                    try (ResultSet max = statement.executeQuery("SELECT COALESCE(MAX(" + TableEmptier.quote(column)
                            + "), 0) + 1 FROM " + table.sql())) {
                        max.next();
                        next = max.getLong(1);
                    }
                    statement.execute("ALTER TABLE " + table.sql() + " ALTER COLUMN " + TableEmptier.quote(column)
                            + " RESTART WITH " + next);
                }
            }
            to.commit();
            statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
