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

    private DdlWriter() {
    }

    /** Returns the statements, in the order they must run. */
    public static List<String> write(SchemaModel model, Dialect dialect) {
        List<String> statements = new ArrayList<>();
        for (Sequence sequence : model.sequences()) {
            statements.add("CREATE SEQUENCE " + sequence.name() + " START WITH " + sequence.start() + " INCREMENT BY "
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
                parts.add("PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
            }
            for (List<String> unique : table.uniqueConstraints()) {
                parts.add("UNIQUE (" + String.join(", ", unique) + ")");
            }
            for (ForeignKey foreignKey : table.foreignKeys()) {
                boolean ready = created.contains(foreignKey.referencedTable())
                        || foreignKey.referencedTable().equals(table.name());
                String constraint = constraint(table, foreignKey);
                if (ready) {
                    parts.add(constraint);
                } else {
                    deferred.add("ALTER TABLE " + table.name() + " ADD " + constraint);
                }
            }
            statements.add("CREATE TABLE " + table.name() + " (\n    " + String.join(",\n    ", parts) + "\n)");
            created.add(table.name());
        }
        statements.addAll(deferred);
        for (Table table : model.tables()) {
            for (SchemaModel.Index index : table.indexes()) {
                statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + limit(index.name()) + " ON "
                        + table.name() + " (" + index.columns() + ")");
            }
            for (ForeignKey foreignKey : table.foreignKeys()) {
                statements.add("CREATE INDEX " + limit("ix_" + table.name() + "_" + foreignKey.column()) + " ON "
                        + table.name() + " (" + foreignKey.column() + ")");
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
                + foreignKey.column() + ") REFERENCES " + foreignKey.referencedTable() + " ("
                + foreignKey.referencedColumn() + ")";
    }

    private static String column(Column column, Dialect dialect) {
        StringBuilder sql = new StringBuilder(column.name()).append(' ');
        if (!column.columnDefinition().isEmpty()) {
            return sql.append(column.columnDefinition()).toString();
        }
        sql.append(type(column.type(), dialect));
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
                return postgres ? "TEXT" : "CLOB";
            case CLOB:
                return postgres ? "OID" : "CLOB"; // what Hibernate maps @Lob to on PostgreSQL: a large object
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
                return "TIME";
            case TIMESTAMP:
                return "TIMESTAMP";
            case TIMESTAMP_WITH_TIME_ZONE:
                return "TIMESTAMP WITH TIME ZONE";
            case UUID:
                return "UUID";
            case BINARY:
                return postgres ? "BYTEA" : "VARBINARY";
            case BLOB:
                return postgres ? "OID" : "BLOB";
            default:
                throw new IllegalArgumentException("no SQL type for " + type.kind());
        }
    }

    private static String limit(String identifier) {
        return identifier.length() <= MAX_IDENTIFIER ? identifier : identifier.substring(0, MAX_IDENTIFIER);
    }
}
