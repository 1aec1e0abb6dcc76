package dev.dbtest.core.internal.schema;

import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.schema.SchemaModel.Column;
import dev.dbtest.core.internal.schema.SchemaModel.ColumnType;
import dev.dbtest.core.internal.schema.SchemaModel.ForeignKey;
import dev.dbtest.core.internal.schema.SchemaModel.Sequence;
import dev.dbtest.core.internal.schema.SchemaModel.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the DDL of a {@link SchemaModel} for PostgreSQL or H2: sequences, then tables in foreign-key order with their
 * foreign keys inline, then the foreign keys of a cycle with {@code ALTER TABLE ... ADD CONSTRAINT}, then an index on
 * every foreign-key column. Identifiers are not quoted, and types are those Hibernate ORM expects (its schema validator
 * accepts the result): {@code @Lob} is a large object ({@code oid}) on PostgreSQL, as Hibernate maps it.
 */
public final class DdlWriter {

    private static final int MAX_IDENTIFIER = 63; // PostgreSQL's limit

    // Words PostgreSQL or H2 reserve: a column or table named so is quoted (in lower case, which is what both databases
    // fold unquoted names to, so that queries that do not quote it still find it).
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "between", "both", "case", "cast", "check", "collate", "column",
            "constraint", "create", "cross", "current_catalog", "current_date", "current_path", "current_role",
            "current_schema", "current_time", "current_timestamp", "current_user", "day", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "exists", "false", "fetch", "for", "foreign", "from",
            "full", "grant", "group", "groups", "having", "hour", "if", "ilike", "in", "initially", "inner",
            "intersect", "interval", "into", "is", "join", "key", "lateral", "leading", "left", "like", "limit",
            "localtime", "localtimestamp", "minus", "minute", "month", "natural", "not", "null", "offset", "on",
            "only", "or", "order", "over", "partition", "placing", "primary", "qualify", "range", "references",
            "regexp", "returning", "right", "row", "rownum", "rows", "second", "select", "session_user", "set", "some",
            "symmetric", "system_user", "table", "then", "to", "top", "trailing", "true", "uescape", "union", "unique",
            "unknown", "user", "using", "value", "values", "variadic", "when", "where", "window", "with", "year",
            "_rowid_");

    private DdlWriter() {
    }

    /** Returns the statements, in the order they must run. */
    public static List<String> write(SchemaModel model, Dialect dialect) {
        List<String> statements = new ArrayList<>();
        model.tables().stream().filter(table -> table.name().contains("."))
                .map(table -> table.name().substring(0, table.name().lastIndexOf('.')))
                .distinct()
                .forEach(schema -> statements.add("CREATE SCHEMA IF NOT EXISTS " + schema));
        for (Sequence sequence : model.sequences()) {
            statements.add("CREATE SEQUENCE " + identifier(sequence.name()) + " START WITH " + sequence.start() + " INCREMENT BY "
                    + sequence.increment());
        }
        Set<String> created = new HashSet<>();
        List<String> deferred = new ArrayList<>();
        for (Table table : foreignKeyOrder(model.tables())) {
            List<String> parts = new ArrayList<>();
            for (Column column : table.columns()) {
                parts.add(column(column, dialect));
            }
            if (!table.primaryKey().isEmpty()) {
                parts.add("PRIMARY KEY (" + identifiers(table.primaryKey()) + ")");
            }
            for (List<String> unique : table.uniqueConstraints()) {
                parts.add("UNIQUE (" + identifiers(unique) + ")");
            }
            for (ForeignKey foreignKey : table.foreignKeys()) {
                boolean ready = created.contains(foreignKey.referencedTable())
                        || foreignKey.referencedTable().equals(table.name());
                String constraint = constraint(table, foreignKey);
                if (ready) {
                    parts.add(constraint);
                } else {
                    deferred.add("ALTER TABLE " + identifier(table.name()) + " ADD " + constraint);
                }
            }
            statements.add("CREATE TABLE " + identifier(table.name()) + " (\n    " + String.join(",\n    ", parts) + "\n)");
            created.add(table.name());
        }
        statements.addAll(deferred);
        for (Table table : model.tables()) {
            for (SchemaModel.Index index : table.indexes()) {
                statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + limit(index.name()) + " ON "
                        + identifier(table.name()) + " (" + index.columns() + ")");
            }
            for (ForeignKey foreignKey : table.foreignKeys()) {
                statements.add("CREATE INDEX " + limit("ix_" + table.name() + "_" + foreignKey.column()) + " ON "
                        + identifier(table.name()) + " (" + identifier(foreignKey.column()) + ")");
            }
        }
        return statements;
    }

    /** Tables whose foreign keys point only at tables before them come first; a cycle keeps the given order. */
    static List<Table> foreignKeyOrder(List<Table> tables) {
        Map<String, Table> remaining = new LinkedHashMap<>();
        tables.forEach(table -> remaining.put(table.name(), table));
        List<Table> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Table next = remaining.values().stream()
                    .filter(table -> table.foreignKeys().stream().allMatch(foreignKey ->
                            foreignKey.referencedTable().equals(table.name())
                                    || !remaining.containsKey(foreignKey.referencedTable())))
                    .findFirst()
                    .orElse(remaining.values().iterator().next()); // a cycle: break it here
            ordered.add(next);
            remaining.remove(next.name());
        }
        return ordered;
    }

    private static String constraint(Table table, ForeignKey foreignKey) {
        return "CONSTRAINT " + limit("fk_" + table.name() + "_" + foreignKey.column()) + " FOREIGN KEY ("
                + identifier(foreignKey.column()) + ") REFERENCES " + identifier(foreignKey.referencedTable()) + " ("
                + identifier(foreignKey.referencedColumn()) + ")";
    }

    private static String column(Column column, Dialect dialect) {
        StringBuilder sql = new StringBuilder(identifier(column.name())).append(' ');
        // Like Hibernate, a columnDefinition replaces the type only: NOT NULL and UNIQUE still follow.
        sql.append(column.columnDefinition().isEmpty() ? type(column.type(), dialect) : column.columnDefinition());
        if (column.identity()) {
            sql.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        if (column.unique()) {
            sql.append(" UNIQUE");
        }
        return sql.toString();
    }

    static String type(ColumnType type, Dialect dialect) {
        boolean postgres = dialect == Dialect.POSTGRESQL;
        switch (type.kind()) {
            case VARCHAR:
                return "VARCHAR(" + type.length() + ")";
            case CHAR:
                return "CHAR(" + type.length() + ")";
            case TEXT:
                return postgres ? "TEXT" : "CHARACTER LARGE OBJECT";
            case CLOB:
                return postgres ? "OID" : "CHARACTER LARGE OBJECT"; // Hibernate maps @Lob to a large object on PostgreSQL
            case BOOLEAN:
                return "BOOLEAN";
            case SMALLINT:
                return "SMALLINT";
            case INTEGER:
                return "INTEGER";
            case BIGINT:
                return "BIGINT";
            case REAL:
                return "REAL";
            case DOUBLE:
                return "DOUBLE PRECISION";
            case NUMERIC:
                return "NUMERIC(" + type.precision() + ", " + type.scale() + ")";
            case DATE:
                return "DATE";
            case TIME:
                return "TIME(6)"; // microseconds, as Hibernate writes it: H2's TIME alone keeps whole seconds
            case TIMESTAMP:
                return "TIMESTAMP(6)";
            case TIMESTAMP_WITH_TIME_ZONE:
                return "TIMESTAMP(6) WITH TIME ZONE";
            case UUID:
                return "UUID";
            case BINARY:
                return postgres ? "BYTEA" : "VARBINARY";
            case BLOB:
                return postgres ? "OID" : "BINARY LARGE OBJECT";
            default:
                throw new IllegalArgumentException("no SQL type for " + type.kind());
        }
    }

    /** Writes {@code name} (a table or column, maybe schema-qualified) as the DDL does: quoted only when reserved. */
    public static String identifier(String name) {
        StringBuilder result = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (result.length() > 0) {
                result.append('.');
            }
            String lower = part.toLowerCase(java.util.Locale.ROOT);
            result.append(RESERVED.contains(lower) ? '"' + lower + '"' : part);
        }
        return result.toString();
    }

    private static String identifiers(List<String> names) {
        return String.join(", ", names.stream().map(DdlWriter::identifier).toList());
    }

    /** A constraint or index name: no schema dots, at most PostgreSQL's 63 characters. */
    private static String limit(String identifier) {
        String name = identifier.replace('.', '_');
        return name.length() <= MAX_IDENTIFIER ? name : name.substring(0, MAX_IDENTIFIER);
    }
}
