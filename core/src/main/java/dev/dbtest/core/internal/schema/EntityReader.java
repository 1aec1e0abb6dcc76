package dev.dbtest.core.internal.schema;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.internal.schema.SchemaModel.Column;
import dev.dbtest.core.internal.schema.SchemaModel.ColumnType;
import dev.dbtest.core.internal.schema.SchemaModel.ColumnType.Kind;
import dev.dbtest.core.internal.schema.SchemaModel.ForeignKey;
import dev.dbtest.core.internal.schema.SchemaModel.Sequence;
import dev.dbtest.core.internal.schema.SchemaModel.Table;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
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
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
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
 * {@code @JoinColumn}, {@code @OneToMany(mappedBy)}, {@code @ManyToMany} with {@code @JoinTable},
 * {@code @ElementCollection} of basic types, {@code @Embedded} classes and records with {@code @AttributeOverride},
 * {@code @Table(uniqueConstraints, indexes)}, {@code @MappedSuperclass}, and the basic Java types. Mappings not covered
 * yet ({@code @EmbeddedId}, maps, entity inheritance) are refused with a message rather than ignored.
 */
public final class EntityReader {

    private final Map<Class<?>, String> tableNames = new LinkedHashMap<>();
    private final Map<Class<?>, Field> idFields = new LinkedHashMap<>();
    private final List<Sequence> sequences = new ArrayList<>();

    private final Naming naming;

    private EntityReader(List<Class<?>> entities, Naming naming) {
        this.naming = naming;
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
        return read(entities, Naming.JPA);
    }

    /**
     * Reads {@code entities} with the implicit names {@code naming} calls for (Spring Boot names a join table after the
     * owner's table and the property); the physical names are applied with {@link SchemaModel#renamed}.
     */
    public static SchemaModel read(List<Class<?>> entities, Naming naming) {
        EntityReader reader = new EntityReader(entities, naming);
        List<Table> tables = new ArrayList<>();
        for (Class<?> entity : entities) {
            tables.add(reader.table(entity));
        }
        tables.addAll(reader.extraTables);
        return new SchemaModel(distinct(tables), List.copyOf(reader.sequences), List.copyOf(reader.mappings));
    }

    /** Keeps one of two tables that map the same name the same way; refuses two that map it differently. */
    private static List<Table> distinct(List<Table> tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table table : tables) {
            Table earlier = byName.putIfAbsent(table.name().toLowerCase(java.util.Locale.ROOT), table);
            if (earlier != null && !(earlier.columns().equals(table.columns())
                    && earlier.primaryKey().equals(table.primaryKey())
                    && earlier.foreignKeys().equals(table.foreignKeys()))) {
                throw new DbTestException("Two entities map the table " + table.name() + " differently: "
                        + describe(earlier) + " and " + describe(table) + ".\n"
                        + "  Fix: give one of them another name with @Table(name = ...), or make their mappings agree.");
            }
        }
        return List.copyOf(byName.values());
    }

    private static String describe(Table table) {
        return (table.entity() == null ? "a join or collection table" : table.entity().getName()) + " ("
                + table.columns().stream().map(Column::name).collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    private final List<Table> extraTables = new ArrayList<>();
    private final List<EntityMapping> mappings = new ArrayList<>();

    private Table table(Class<?> entity) {
        String table = tableNames.get(entity);
        List<Column> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<EntityMapping.Property> properties = new ArrayList<>();
        List<EntityMapping.Relation> relations = new ArrayList<>();
        EntityMapping.Generation generation = EntityMapping.Generation.ASSIGNED;
        String sequenceName = null;
        Field versionField = null;
        for (Field field : persistentFields(entity)) {
            String where = entity.getSimpleName() + "." + field.getName();
            refuseUncovered(field, where);
            if (field.isAnnotationPresent(Embedded.class) || field.getType().isAnnotationPresent(Embeddable.class)) {
                embed(List.of(field), where, Map.of(), columns, properties);
                continue;
            }
            if (field.isAnnotationPresent(ManyToMany.class)) {
                String mappedBy = field.getAnnotation(ManyToMany.class).mappedBy();
                if (mappedBy.isEmpty()) {
                    Table join = joinTable(entity, field, where);
                    extraTables.add(join);
                    relations.add(new EntityMapping.Relation(field, EntityMapping.RelationKind.MANY_TO_MANY,
                            elementType(field, where), join.name(), join.columns().get(0).name(),
                            join.columns().get(1).name(), null));
                } else {
                    relations.add(new EntityMapping.Relation(field, EntityMapping.RelationKind.MANY_TO_MANY_INVERSE,
                            elementType(field, where), null, null, null, mappedBy));
                }
                continue;
            }
            if (field.isAnnotationPresent(ElementCollection.class)) {
                Table collection = collectionTable(entity, field, where);
                extraTables.add(collection);
                relations.add(new EntityMapping.Relation(field, EntityMapping.RelationKind.ELEMENTS,
                        elementType(field, where), collection.name(), collection.columns().get(0).name(),
                        collection.columns().get(1).name(), null));
                continue;
            }
            if (field.isAnnotationPresent(OneToMany.class) && field.getAnnotation(OneToMany.class).mappedBy().isEmpty()) {
                throw new DbTestException("@OneToMany without mappedBy on " + where + " is not yet supported by dbtest's "
                        + "schema from entities (Hibernate maps it with a join table). Map the other side with "
                        + "@ManyToOne and write @OneToMany(mappedBy = ...), or create the join table with a script.");
            }
            if (field.isAnnotationPresent(jakarta.persistence.MapsId.class)) {
                throw new DbTestException("@MapsId on " + where + " is not yet supported by dbtest's schema from "
                        + "entities. Create that table with a script: @DatabaseTest(scripts = ...).");
            }
            if (field.isAnnotationPresent(OneToMany.class)) {
                relations.add(new EntityMapping.Relation(field, EntityMapping.RelationKind.ONE_TO_MANY,
                        elementType(field, where), null, null, null, field.getAnnotation(OneToMany.class).mappedBy()));
                continue; // the other side holds the column
            }
            if (field.isAnnotationPresent(OneToOne.class) && !field.getAnnotation(OneToOne.class).mappedBy().isEmpty()) {
                relations.add(new EntityMapping.Relation(field, EntityMapping.RelationKind.ONE_TO_ONE_INVERSE,
                        field.getType(), null, null, null, field.getAnnotation(OneToOne.class).mappedBy()));
                continue;
            }
            if (field.isAnnotationPresent(ManyToOne.class) || field.isAnnotationPresent(OneToOne.class)) {
                Class<?> target = field.getType();
                if (!tableNames.containsKey(target)) {
                    throw new DbTestException(where + " refers to " + target.getName() + ", which is not in "
                            + "@DatabaseTest(entities). Add it, so that dbtest can create its table and the foreign key "
                            + "(with entityPackages: put it in one of the packages).");
                }
                Field targetId = idFields.get(target);
                JoinColumn join = field.getAnnotation(JoinColumn.class);
                String targetIdColumn = columnName(targetId);
                if (join != null && !join.referencedColumnName().isEmpty()
                        && !join.referencedColumnName().equalsIgnoreCase(targetIdColumn)) {
                    throw new DbTestException("@JoinColumn(referencedColumnName = \"" + join.referencedColumnName()
                            + "\") on " + where + " points at a column other than the @Id of " + target.getSimpleName()
                            + "; dbtest's schema from entities supports foreign keys to the @Id only so far. Create "
                            + "that foreign key with a script.");
                }
                String name = join != null && !join.name().isEmpty() ? join.name() : field.getName() + "_" + targetIdColumn;
                boolean optional = field.isAnnotationPresent(ManyToOne.class)
                        ? field.getAnnotation(ManyToOne.class).optional() : field.getAnnotation(OneToOne.class).optional();
                boolean nullable = optional && (join == null || join.nullable());
                boolean unique = field.isAnnotationPresent(OneToOne.class) || join != null && join.unique();
                columns.add(new Column(name, columnType(targetId, where), nullable, unique, false, ""));
                foreignKeys.add(new ForeignKey(name, tableNames.get(target), targetIdColumn));
                properties.add(new EntityMapping.Property(List.of(field), name, columnType(targetId, where), nullable,
                        unique, null, target, ""));
                continue;
            }
            jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
            boolean id = field.isAnnotationPresent(Id.class);
            boolean identity = false;
            GeneratedValue generated = field.getAnnotation(GeneratedValue.class);
            if (id && generated != null) {
                if (generated.strategy() == GenerationType.TABLE) {
                    throw new DbTestException("@GeneratedValue(strategy = TABLE) on " + where + " is not yet supported "
                            + "by dbtest's schema from entities (it would need the generator's table). Use SEQUENCE or "
                            + "IDENTITY, or create the generator table with a script.");
                }
                identity = generated.strategy() == GenerationType.IDENTITY;
                if (identity) {
                    generation = EntityMapping.Generation.IDENTITY;
                } else if (generated.strategy() == GenerationType.SEQUENCE
                        || generated.strategy() == GenerationType.AUTO && isNumber(field.getType())) {
                    Sequence sequence = sequence(entity, field, generated);
                    addSequence(sequence, where);
                    generation = EntityMapping.Generation.SEQUENCE;
                    sequenceName = sequence.name();
                } else if (field.getType() == UUID.class) {
                    generation = EntityMapping.Generation.UUID;
                }
            }
            if (field.isAnnotationPresent(jakarta.persistence.Version.class)) {
                versionField = field;
            }
            boolean nullable = !id && !field.getType().isPrimitive() && (column == null || column.nullable())
                    && (!field.isAnnotationPresent(jakarta.persistence.Basic.class)
                            || field.getAnnotation(jakarta.persistence.Basic.class).optional());
            boolean unique = column != null && column.unique();
            String definition = column == null ? "" : column.columnDefinition();
            ColumnType type = definition.isEmpty() ? columnType(field, where) : ColumnType.of(Kind.TEXT); // unused
            columns.add(new Column(columnName(field), type, nullable, unique, identity, definition));
            properties.add(new EntityMapping.Property(List.of(field), columnName(field), type, nullable, unique,
                    enumType(field), null, definition));
            if (id) {
                primaryKey.add(columnName(field));
            }
        }
        jakarta.persistence.Table annotation = entity.getAnnotation(jakarta.persistence.Table.class);
        List<List<String>> uniqueConstraints = new ArrayList<>();
        List<SchemaModel.Index> indexes = new ArrayList<>();
        if (annotation != null) {
            for (UniqueConstraint unique : annotation.uniqueConstraints()) {
                uniqueConstraints.add(List.of(unique.columnNames()));
            }
            for (jakarta.persistence.Index index : annotation.indexes()) {
                String name = index.name().isEmpty()
                        ? "ix_" + table + "_" + index.columnList().replaceAll("[^A-Za-z0-9_]+", "_") : index.name();
                indexes.add(new SchemaModel.Index(name, index.columnList(), index.unique()));
            }
        }
        // A column of a @Table(uniqueConstraints) is unique for fixtures too: numbering each of its columns keeps
        // every combination unique.
        java.util.Set<String> constrained = new java.util.HashSet<>();
        uniqueConstraints.forEach(constrained::addAll);
        properties.replaceAll(p -> p.unique() || !constrained.contains(p.column()) ? p
                : new EntityMapping.Property(p.path(), p.column(), p.type(), p.nullable(), true, p.enumType(),
                        p.target(), p.columnDefinition()));
        Field idField = idFields.get(entity);
        Field version = versionField;
        mappings.add(new EntityMapping(entity, table,
                properties.stream().filter(p -> p.path().equals(List.of(idField))).findFirst().orElseThrow(),
                generation, sequenceName,
                version == null ? null
                        : properties.stream().filter(p -> p.path().equals(List.of(version))).findFirst().orElseThrow(),
                List.copyOf(properties), List.copyOf(relations)));
        return new Table(table, entity, List.copyOf(columns), List.copyOf(primaryKey), List.copyOf(foreignKeys),
                List.copyOf(uniqueConstraints), List.copyOf(indexes));
    }

    /** Adds the columns of an embeddable (a class or a record), with the overrides of the embedding fields. */
    private void embed(List<Field> path, String where, Map<String, jakarta.persistence.Column> outerOverrides,
            List<Column> columns, List<EntityMapping.Property> properties) {
        Field field = path.get(path.size() - 1);
        Class<?> embeddable = field.getType();
        if (!embeddable.isAnnotationPresent(Embeddable.class)) {
            throw new DbTestException(where + " is @Embedded, but " + embeddable.getName() + " is not annotated with "
                    + "@jakarta.persistence.Embeddable. Annotate it.");
        }
        // Overrides by attribute path: "city", or "address.city" from an embedding further out.
        Map<String, jakarta.persistence.Column> overrides = new LinkedHashMap<>();
        String prefix = field.getName() + ".";
        outerOverrides.forEach((attribute, column) -> {
            if (attribute.startsWith(prefix)) {
                overrides.put(attribute.substring(prefix.length()), column);
            }
        });
        for (AttributeOverride override : field.getAnnotationsByType(AttributeOverride.class)) {
            overrides.putIfAbsent(override.name(), override.column());
        }
        for (Field part : persistentFields(embeddable)) {
            String partWhere = where + "." + part.getName();
            if (part.isAnnotationPresent(Embedded.class) || part.getType().isAnnotationPresent(Embeddable.class)) {
                List<Field> partPath = new ArrayList<>(path);
                partPath.add(part);
                embed(List.copyOf(partPath), partWhere, overrides, columns, properties);
                continue;
            }
            jakarta.persistence.Column override = overrides.get(part.getName());
            jakarta.persistence.Column column = override != null ? override
                    : part.getAnnotation(jakarta.persistence.Column.class);
            String name = column != null && !column.name().isEmpty() ? column.name() : part.getName();
            boolean nullable = !part.getType().isPrimitive() && (column == null || column.nullable());
            String definition = column == null ? "" : column.columnDefinition();
            ColumnType type = definition.isEmpty() ? basicType(part.getType(), part, column, partWhere)
                    : ColumnType.of(Kind.TEXT);
            columns.add(new Column(name, type, nullable, column != null && column.unique(), false, definition));
            List<Field> partPath = new ArrayList<>(path);
            partPath.add(part);
            properties.add(new EntityMapping.Property(List.copyOf(partPath), name, type, nullable,
                    column != null && column.unique(), enumType(part), null, definition));
        }
    }

    /** How an enum attribute is stored: {@code @Enumerated}'s choice, ORDINAL by default; null for other types. */
    private static EnumType enumType(Field field) {
        if (!field.getType().isEnum()) {
            return null;
        }
        Enumerated enumerated = field.getAnnotation(Enumerated.class);
        return enumerated == null ? EnumType.ORDINAL : enumerated.value();
    }

    /** The join table of an owning {@code @ManyToMany}: a foreign key to each side. */
    private Table joinTable(Class<?> owner, Field field, String where) {
        Class<?> target = elementType(field, where);
        if (!tableNames.containsKey(target)) {
            throw new DbTestException(where + " refers to " + target.getName() + ", which is not in "
                    + "@DatabaseTest(entities). Add it, so that dbtest can create its table and the join table "
                    + "(with entityPackages: put it in one of the packages).");
        }
        JoinTable joinTable = field.getAnnotation(JoinTable.class);
        String ownerTable = tableNames.get(owner);
        String targetTable = tableNames.get(target);
        String implicit = naming == Naming.SNAKE_CASE
                ? unqualified(ownerTable) + "_" + field.getName() // Spring Boot's SpringImplicitNamingStrategy
                : unqualified(ownerTable) + "_" + unqualified(targetTable);
        String schema = ownerTable.contains(".") ? ownerTable.substring(0, ownerTable.lastIndexOf('.') + 1) : "";
        String name = joinTable != null && !joinTable.name().isEmpty()
                ? (joinTable.schema().isEmpty() ? "" : joinTable.schema() + ".") + joinTable.name() : schema + implicit;
        Field ownerId = idFields.get(owner);
        Field targetId = idFields.get(target);
        String inverseProperty = inverseProperty(target, owner, field.getName());
        String ownerColumn = joinTable != null && joinTable.joinColumns().length > 0
                && !joinTable.joinColumns()[0].name().isEmpty() ? joinTable.joinColumns()[0].name()
                : (inverseProperty != null ? inverseProperty : entityName(owner)) + "_" + columnName(ownerId);
        String targetColumn = joinTable != null && joinTable.inverseJoinColumns().length > 0
                && !joinTable.inverseJoinColumns()[0].name().isEmpty() ? joinTable.inverseJoinColumns()[0].name()
                : field.getName() + "_" + columnName(targetId);
        List<Column> columns = List.of(
                new Column(ownerColumn, columnType(ownerId, where), false, false, false, ""),
                new Column(targetColumn, columnType(targetId, where), false, false, false, ""));
        List<String> primaryKey = java.util.Set.class.isAssignableFrom(field.getType())
                ? List.of(ownerColumn, targetColumn) : List.of();
        return new Table(name, null, columns, primaryKey, List.of(
                new ForeignKey(ownerColumn, ownerTable, columnName(ownerId)),
                new ForeignKey(targetColumn, targetTable, columnName(targetId))), List.of(), List.of());
    }

    /** The table of an {@code @ElementCollection} of a basic type: the owner's key and the value. */
    private Table collectionTable(Class<?> owner, Field field, String where) {
        Class<?> element = elementType(field, where);
        if (element.isAnnotationPresent(Embeddable.class) || element.isAnnotationPresent(Entity.class)) {
            throw new DbTestException("@ElementCollection of " + element.getSimpleName() + " on " + where + " is not "
                    + "yet supported by dbtest's schema from entities (only basic types are). Create that table with a "
                    + "script: @DatabaseTest(entities = {...}, scripts = \"classpath:extra.sql\").");
        }
        CollectionTable collectionTable = field.getAnnotation(CollectionTable.class);
        String ownerTable = tableNames.get(owner);
        String name = collectionTable != null && !collectionTable.name().isEmpty() ? collectionTable.name()
                : entityName(owner) + "_" + field.getName();
        Field ownerId = idFields.get(owner);
        String ownerColumn = collectionTable != null && collectionTable.joinColumns().length > 0
                && !collectionTable.joinColumns()[0].name().isEmpty() ? collectionTable.joinColumns()[0].name()
                : entityName(owner) + "_" + columnName(ownerId);
        jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
        String valueColumn = column != null && !column.name().isEmpty() ? column.name() : field.getName();
        List<Column> columns = List.of(
                new Column(ownerColumn, columnType(ownerId, where), false, false, false, ""),
                new Column(valueColumn, basicType(element, field, where), true, false, false, ""));
        return new Table(name, null, columns, List.of(), List.of(
                new ForeignKey(ownerColumn, ownerTable, columnName(ownerId))), List.of(), List.of());
    }

    private static String unqualified(String table) {
        return table.substring(table.lastIndexOf('.') + 1);
    }

    private static Class<?> elementType(Field field, String where) {
        if (field.getGenericType() instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        throw new DbTestException(where + " must be a collection with one type argument, such as List<Tag>.");
    }

    /** The field of {@code target} that maps {@code owner}'s {@code property} back ({@code mappedBy}), if any. */
    private static String inverseProperty(Class<?> target, Class<?> owner, String property) {
        for (Field field : persistentFields(target)) {
            ManyToMany manyToMany = field.getAnnotation(ManyToMany.class);
            if (manyToMany != null && manyToMany.mappedBy().equals(property)) {
                return field.getName();
            }
        }
        return null;
    }

    private static void refuseUncovered(Field field, String where) {
        String mapping = field.isAnnotationPresent(EmbeddedId.class) ? "@EmbeddedId"
                : field.isAnnotationPresent(jakarta.persistence.MapKey.class)
                        || java.util.Map.class.isAssignableFrom(field.getType()) ? "A Map" : null;
        if (mapping != null) {
            throw new DbTestException(mapping + " on " + where + " is not yet supported by dbtest's schema from "
                    + "entities. Create that part of the schema with a script: "
                    + "@DatabaseTest(entities = {...}, scripts = \"classpath:extra.sql\").");
        }
    }

    /** One sequence may serve several entities; two definitions of one name must agree. */
    private void addSequence(Sequence sequence, String where) {
        for (Sequence existing : sequences) {
            if (existing.name().equalsIgnoreCase(sequence.name())) {
                if (!existing.equals(sequence)) {
                    throw new DbTestException("The sequence " + sequence.name() + " of " + where + " is defined twice, "
                            + "differently: " + existing + " and " + sequence + ".\n"
                            + "  Fix: give both @SequenceGenerator the same initialValue and allocationSize, or "
                            + "different sequenceNames.");
                }
                return;
            }
        }
        sequences.add(sequence);
    }

    private Sequence sequence(Class<?> entity, Field field, GeneratedValue generated) {
        SequenceGenerator generator = field.getAnnotation(SequenceGenerator.class);
        if (generator == null) {
            generator = entity.getAnnotation(SequenceGenerator.class);
        }
        if (generator == null) {
            generator = field.getDeclaringClass().getAnnotation(SequenceGenerator.class);
        }
        if (generator != null) {
            String name = !generator.sequenceName().isEmpty() ? generator.sequenceName() : generator.name();
            return new Sequence(name, generator.initialValue(), generator.allocationSize());
        }
        // Hibernate's default for SEQUENCE and AUTO: one sequence per entity, named after it, allocating 50 at a time.
        return new Sequence(entityName(entity) + "_seq", 1, 50);
    }

    private static String tableName(Class<?> entity) {
        jakarta.persistence.Table table = entity.getAnnotation(jakarta.persistence.Table.class);
        String name = table != null && !table.name().isEmpty() ? table.name() : entityName(entity);
        return table != null && !table.schema().isEmpty() ? table.schema() + "." + name : name;
    }

    /** {@code @Entity(name)}, else the class name without its package (a nested class keeps its {@code Outer$}). */
    private static String entityName(Class<?> entity) {
        String name = entity.getAnnotation(Entity.class).name();
        return name.isEmpty() ? entity.getName().substring(entity.getName().lastIndexOf('.') + 1) : name;
    }

    private static Field idField(Class<?> entity) {
        List<Field> ids = persistentFields(entity).stream().filter(f -> f.isAnnotationPresent(Id.class)).toList();
        if (ids.isEmpty()) {
            for (Field field : persistentFields(entity)) {
                if (field.isAnnotationPresent(EmbeddedId.class)) {
                    refuseUncovered(field, entity.getSimpleName() + "." + field.getName()); // its own message
                }
            }
            throw new DbTestException(entity.getName() + " has no @Id field, so dbtest cannot give its table a primary "
                    + "key. Fix: annotate the field that holds its key with @Id (dbtest reads field annotations; an @Id "
                    + "on a getter is not read).");
        }
        if (ids.size() > 1) {
            throw new DbTestException(entity.getName() + " has " + ids.size() + " @Id fields; composite keys are not "
                    + "supported yet by dbtest's schema from entities. Create its table with a script: "
                    + "@DatabaseTest(scripts = ...).");
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
        return basicType(field.getType(), field, field.getAnnotation(jakarta.persistence.Column.class), where);
    }

    private static ColumnType basicType(Class<?> type, Field field, String where) {
        return basicType(type, field, field.getAnnotation(jakarta.persistence.Column.class), where);
    }

    /** The type of a basic value; {@code column} gives length, precision and scale (the field's own, or an override). */
    private static ColumnType basicType(Class<?> type, Field field, jakarta.persistence.Column column, String where) {
        int length = column == null ? 255 : column.length();
        boolean lob = field.isAnnotationPresent(Lob.class);
        if (type == String.class) {
            return lob ? ColumnType.of(Kind.CLOB) : new ColumnType(Kind.VARCHAR, length, 0, 0);
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
