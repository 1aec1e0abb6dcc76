package dev.dbtest.core.internal.schema;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The tables and sequences a set of entity classes needs, independent of the database: what {@link EntityReader}
 * reads from {@code jakarta.persistence} annotations and {@link DdlWriter} turns into DDL.
 */
public record SchemaModel(List<Table> tables, List<Sequence> sequences, List<EntityMapping> entities) {

    /** A model of tables and sequences alone, with no entity mappings (generated schemas, join tables). */
    public SchemaModel(List<Table> tables, List<Sequence> sequences) {
        this(tables, sequences, List.of());
    }

    /** Returns the mapping of {@code type}, or {@code null} when it is not one of this model's entities. */
    public EntityMapping entity(Class<?> type) {
        for (EntityMapping entity : entities) {
            if (entity.type() == type) {
                return entity;
            }
        }
        return null;
    }

    /** Returns this model with every table, column and sequence name passed through {@code naming}. */
    public SchemaModel renamed(UnaryOperator<String> naming) {
        UnaryOperator<String> qualified = name -> String.join(".",
                java.util.Arrays.stream(name.split("\\.")).map(naming).toList());
        return new SchemaModel(tables.stream().map(table -> new Table(qualified.apply(table.name()), table.entity(),
                        table.columns().stream().map(column -> new Column(naming.apply(column.name()), column.type(),
                                column.nullable(), column.unique(), column.identity(), column.columnDefinition())).toList(),
                        table.primaryKey().stream().map(naming).toList(),
                        table.foreignKeys().stream().map(foreignKey -> new ForeignKey(naming.apply(foreignKey.column()),
                                qualified.apply(foreignKey.referencedTable()), naming.apply(foreignKey.referencedColumn())))
                                .toList(),
                        table.uniqueConstraints().stream().map(columns -> columns.stream().map(naming).toList()).toList(),
                        table.indexes().stream().map(index -> new Index(index.name(),
                                renamedColumnList(index.columns(), naming), index.unique())).toList())).toList(),
                sequences.stream().map(sequence -> new Sequence(naming.apply(sequence.name()), sequence.start(),
                        sequence.increment())).toList(),
                entities.stream().map(entity -> entity.renamed(naming, qualified)).toList());
    }

    /**
     * A table: of an entity, or (with {@code entity} null) a join or collection table. {@code uniqueConstraints} lists
     * column lists; {@code indexes} come from {@code @Table(indexes)}.
     */
    public record Table(String name, Class<?> entity, List<Column> columns, List<String> primaryKey,
            List<ForeignKey> foreignKeys, List<List<String>> uniqueConstraints, List<Index> indexes) {
    }

    /** An index of {@code @Table(indexes)}; {@code columns} as written in {@code @Index(columnList)}. */
    public record Index(String name, String columns, boolean unique) {
    }

    /** Renames the column of each part of an {@code @Index(columnList)}, such as {@code "createdAt DESC, id"}. */
    private static String renamedColumnList(String columnList, UnaryOperator<String> naming) {
        return String.join(", ", java.util.Arrays.stream(columnList.split(",")).map(String::strip).map(part -> {
            int space = part.indexOf(' ');
            return space < 0 ? naming.apply(part) : naming.apply(part.substring(0, space)) + part.substring(space);
        }).toList());
    }

    /** A column; {@code columnDefinition} (from {@code @Column}) replaces the type when it is not empty. */
    public record Column(String name, ColumnType type, boolean nullable, boolean unique, boolean identity,
            String columnDefinition) {
    }

    /** The database-independent type of a column. */
    public record ColumnType(Kind kind, int length, int precision, int scale) {

        /** The kinds of column dbtest maps Java types to. */
        public enum Kind {
            VARCHAR, CHAR, TEXT, CLOB, BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC, DATE, TIME, TIMESTAMP,
            TIMESTAMP_WITH_TIME_ZONE, UUID, BINARY, BLOB
        }

        public static ColumnType of(Kind kind) {
            return new ColumnType(kind, 0, 0, 0);
        }
    }

    /** A foreign key of one column to the primary key of another table. */
    public record ForeignKey(String column, String referencedTable, String referencedColumn) {
    }

    /** A sequence for {@code @GeneratedValue(strategy = SEQUENCE)} (or {@code AUTO} on a number). */
    public record Sequence(String name, int start, int increment) {
    }
}
