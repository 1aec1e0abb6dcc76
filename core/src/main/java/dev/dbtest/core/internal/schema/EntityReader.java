package dev.dbtest.core.internal.schema;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.schema.SchemaModel.Column;
import dev.dbtest.core.internal.schema.SchemaModel.ColumnType;
import dev.dbtest.core.internal.schema.SchemaModel.ColumnType.Kind;
import dev.dbtest.core.internal.schema.SchemaModel.ForeignKey;
import dev.dbtest.core.internal.schema.SchemaModel.Sequence;
import dev.dbtest.core.internal.schema.SchemaModel.Table;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Transient;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the tables a set of entity classes needs from their {@code jakarta.persistence} annotations, with field
 * access and JPA's default names (names as written).
 *
 * <p>Covered so far: {@code @Entity}, {@code @Table(name)}, {@code @Id}, {@code @GeneratedValue} (IDENTITY, SEQUENCE
 * with {@code @SequenceGenerator}, AUTO, UUID), {@code @Column}, {@code @Transient} and {@code transient} fields,
 * {@code @Enumerated}, {@code @Lob}, {@code @Version}, {@code @ManyToOne} and owning {@code @OneToOne} with
 * {@code @JoinColumn}, {@code @OneToMany(mappedBy)}, {@code @MappedSuperclass}, and the basic Java types. Mappings not
 * covered yet are refused with a message rather than ignored.
 */
public final class EntityReader {

    private final Map<Class<?>, String> tableNames = new LinkedHashMap<>();
    private final Map<Class<?>, Field> idFields = new LinkedHashMap<>();
    private final List<Sequence> sequences = new ArrayList<>();

    private EntityReader(List<Class<?>> entities) {
        for (Class<?> entity : entities) {
            if (!entity.isAnnotationPresent(Entity.class)) {
                throw new DbTestException(entity.getName() + " is named in @DatabaseTest(entities) but is not annotated "
                        + "with @jakarta.persistence.Entity. Annotate it, or remove it from the list.");
            }
            tableNames.put(entity, tableName(entity));
            idFields.put(entity, idField(entity));
        }
    }

    /** Reads {@code entities}, in the order given; every entity an association refers to must be among them. */
    public static SchemaModel read(List<Class<?>> entities) {
        EntityReader reader = new EntityReader(entities);
        List<Table> tables = new ArrayList<>();
        for (Class<?> entity : entities) {
            tables.add(reader.table(entity));
        }
        return new SchemaModel(List.copyOf(tables), List.copyOf(reader.sequences));
    }

    private Table table(Class<?> entity) {
        String table = tableNames.get(entity);
        List<Column> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (Field field : persistentFields(entity)) {
            String where = entity.getSimpleName() + "." + field.getName();
            refuseUncovered(field, where);
            if (field.isAnnotationPresent(OneToMany.class)
                    || field.isAnnotationPresent(OneToOne.class) && !field.getAnnotation(OneToOne.class).mappedBy().isEmpty()) {
                continue; // the other side holds the column
            }
            if (field.isAnnotationPresent(ManyToOne.class) || field.isAnnotationPresent(OneToOne.class)) {
                Class<?> target = field.getType();
                if (!tableNames.containsKey(target)) {
                    throw new DbTestException(where + " refers to " + target.getName() + ", which is not in "
                            + "@DatabaseTest(entities). Add it, so that dbtest can create its table and the foreign key.");
                }
                Field targetId = idFields.get(target);
                JoinColumn join = field.getAnnotation(JoinColumn.class);
                String targetIdColumn = columnName(targetId);
                String name = join != null && !join.name().isEmpty() ? join.name() : field.getName() + "_" + targetIdColumn;
                boolean optional = field.isAnnotationPresent(ManyToOne.class)
                        ? field.getAnnotation(ManyToOne.class).optional() : field.getAnnotation(OneToOne.class).optional();
                boolean nullable = optional && (join == null || join.nullable());
                boolean unique = field.isAnnotationPresent(OneToOne.class) || join != null && join.unique();
                columns.add(new Column(name, columnType(targetId, where), nullable, unique, false, ""));
                foreignKeys.add(new ForeignKey(name, tableNames.get(target), targetIdColumn));
                continue;
            }
            jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
            boolean id = field.isAnnotationPresent(Id.class);
            boolean identity = false;
            GeneratedValue generated = field.getAnnotation(GeneratedValue.class);
            if (id && generated != null) {
                identity = generated.strategy() == GenerationType.IDENTITY;
                if (generated.strategy() == GenerationType.SEQUENCE
                        || generated.strategy() == GenerationType.AUTO && isNumber(field.getType())) {
                    sequences.add(sequence(field, generated, table));
                }
            }
            boolean nullable = !id && !field.getType().isPrimitive() && (column == null || column.nullable());
            boolean unique = column != null && column.unique();
            String definition = column == null ? "" : column.columnDefinition();
            ColumnType type = definition.isEmpty() ? columnType(field, where) : ColumnType.of(Kind.TEXT); // unused
            columns.add(new Column(columnName(field), type, nullable, unique, identity, definition));
            if (id) {
                primaryKey.add(columnName(field));
            }
        }
        return new Table(table, entity, List.copyOf(columns), List.copyOf(primaryKey), List.copyOf(foreignKeys));
    }

    private static void refuseUncovered(Field field, String where) {
        String mapping = field.isAnnotationPresent(ManyToMany.class) ? "@ManyToMany"
                : field.isAnnotationPresent(ElementCollection.class) ? "@ElementCollection"
                : field.isAnnotationPresent(Embedded.class) || field.getType().isAnnotationPresent(Embeddable.class)
                        ? "@Embedded" : field.isAnnotationPresent(EmbeddedId.class) ? "@EmbeddedId" : null;
        if (mapping != null) {
            throw new DbTestException(mapping + " on " + where + " is not yet supported by dbtest's schema from "
                    + "entities. Create that part of the schema with a script: "
                    + "@DatabaseTest(entities = {...}, scripts = \"classpath:extra.sql\").");
        }
    }

    private Sequence sequence(Field field, GeneratedValue generated, String table) {
        SequenceGenerator generator = field.getAnnotation(SequenceGenerator.class);
        if (generator == null && !generated.generator().isEmpty()) {
            generator = field.getDeclaringClass().getAnnotation(SequenceGenerator.class);
        }
        if (generator != null) {
            String name = !generator.sequenceName().isEmpty() ? generator.sequenceName() : generator.name();
            return new Sequence(name, generator.initialValue(), generator.allocationSize());
        }
        // Hibernate's default for SEQUENCE and AUTO: one sequence per entity, allocating 50 at a time.
        return new Sequence(table + "_seq", 1, 50);
    }

    private static String tableName(Class<?> entity) {
        jakarta.persistence.Table table = entity.getAnnotation(jakarta.persistence.Table.class);
        if (table != null && !table.name().isEmpty()) {
            return table.name();
        }
        String entityName = entity.getAnnotation(Entity.class).name();
        return entityName.isEmpty() ? entity.getSimpleName() : entityName;
    }

    private static Field idField(Class<?> entity) {
        List<Field> ids = persistentFields(entity).stream().filter(f -> f.isAnnotationPresent(Id.class)).toList();
        if (ids.size() != 1) {
            throw new DbTestException(entity.getName() + " has " + ids.size() + " @Id fields; dbtest's schema from "
                    + "entities needs exactly one (composite keys are not supported yet). Create its table with a "
                    + "script: @DatabaseTest(scripts = ...).");
        }
        return ids.get(0);
    }

    private static List<Field> persistentFields(Class<?> entity) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> type = entity; type != null && type != Object.class; type = type.getSuperclass()) {
            if (type != entity && type.isAnnotationPresent(Entity.class)) {
                throw new DbTestException(entity.getName() + " extends the entity " + type.getName() + "; entity "
                        + "inheritance is not supported yet by dbtest's schema from entities. Create these tables with "
                        + "a script.");
            }
            if (type == entity || type.isAnnotationPresent(MappedSuperclass.class)) {
                hierarchy.add(0, type);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> type : hierarchy) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                        && !field.isAnnotationPresent(Transient.class)) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static String columnName(Field field) {
        jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
        return column != null && !column.name().isEmpty() ? column.name() : field.getName();
    }

    private static boolean isNumber(Class<?> type) {
        return type == long.class || type == Long.class || type == int.class || type == Integer.class
                || type == short.class || type == Short.class;
    }

    private static ColumnType columnType(Field field, String where) {
        Class<?> type = field.getType();
        jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
        int length = column == null ? 255 : column.length();
        boolean lob = field.isAnnotationPresent(Lob.class);
        if (type == String.class) {
            return lob ? ColumnType.of(Kind.TEXT) : new ColumnType(Kind.VARCHAR, length, 0, 0);
        }
        if (type.isEnum()) {
            Enumerated enumerated = field.getAnnotation(Enumerated.class);
            return enumerated != null && enumerated.value() == EnumType.STRING
                    ? new ColumnType(Kind.VARCHAR, length, 0, 0) : ColumnType.of(Kind.SMALLINT);
        }
        if (type == char.class || type == Character.class) {
            return new ColumnType(Kind.CHAR, 1, 0, 0);
        }
        if (type == boolean.class || type == Boolean.class) {
            return ColumnType.of(Kind.BOOLEAN);
        }
        if (type == byte.class || type == Byte.class || type == short.class || type == Short.class) {
            return ColumnType.of(Kind.SMALLINT);
        }
        if (type == int.class || type == Integer.class) {
            return ColumnType.of(Kind.INTEGER);
        }
        if (type == long.class || type == Long.class) {
            return ColumnType.of(Kind.BIGINT);
        }
        if (type == float.class || type == Float.class) {
            return ColumnType.of(Kind.REAL);
        }
        if (type == double.class || type == Double.class) {
            return ColumnType.of(Kind.DOUBLE);
        }
        if (type == BigDecimal.class) {
            int precision = column == null || column.precision() == 0 ? 38 : column.precision();
            int scale = column == null || column.precision() == 0 && column.scale() == 0 ? 2 : column.scale();
            return new ColumnType(Kind.NUMERIC, 0, precision, scale);
        }
        if (type == BigInteger.class) {
            return new ColumnType(Kind.NUMERIC, 0, column == null || column.precision() == 0 ? 38 : column.precision(), 0);
        }
        if (type == LocalDate.class) {
            return ColumnType.of(Kind.DATE);
        }
        if (type == LocalTime.class) {
            return ColumnType.of(Kind.TIME);
        }
        if (type == LocalDateTime.class) {
            return ColumnType.of(Kind.TIMESTAMP);
        }
        if (type == OffsetDateTime.class || type == Instant.class) {
            return ColumnType.of(Kind.TIMESTAMP_WITH_TIME_ZONE);
        }
        if (type == UUID.class) {
            return ColumnType.of(Kind.UUID);
        }
        if (type == byte[].class) {
            return ColumnType.of(lob ? Kind.BLOB : Kind.BINARY);
        }
        throw new DbTestException(where + " has the type " + type.getName() + ", which dbtest's schema from entities "
                + "does not map yet. Give it @Column(columnDefinition = \"...\"), mark it @Transient, or create the table "
                + "with a script.");
    }
}
