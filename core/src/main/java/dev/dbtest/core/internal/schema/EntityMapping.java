package dev.dbtest.core.internal.schema;

import dev.dbtest.core.internal.schema.SchemaModel.ColumnType;
import jakarta.persistence.EnumType;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How one entity class maps to its table, attribute by attribute: what fixtures need to build an object and write its
 * row. Read by {@link EntityReader} together with the {@link SchemaModel.Table}, so both always agree.
 *
 * @param type the entity class (a class with field access, or a record)
 * @param table the table, qualified with its schema when {@code @Table(schema)} gives one
 * @param id the {@code @Id} attribute
 * @param generation how the id is generated
 * @param sequence the sequence of {@link Generation#SEQUENCE}, else {@code null}
 * @param version the {@code @Version} attribute, or {@code null}
 * @param properties every attribute that has a column, in column order (the id and version among them)
 * @param relations the collection-valued attributes and the inverse {@code @OneToOne}
 */
public record EntityMapping(Class<?> type, String table, Property id, Generation generation, String sequence,
        Property version, List<Property> properties, List<Relation> relations) {

    /** How an id gets its value. */
    public enum Generation {
        /** The application assigns it. */
        ASSIGNED,
        /** An identity column: the database assigns it on insert. */
        IDENTITY,
        /** A sequence, read before the insert. */
        SEQUENCE,
        /** A random UUID, made before the insert (JPA's {@code GenerationType.UUID}, or AUTO on a UUID). */
        UUID
    }

    /**
     * An attribute with a column. {@code path} is the field, or the embedding fields and the field of an embeddable;
     * {@code target} is the referenced entity of a {@code @ManyToOne} or owning {@code @OneToOne} (its column holds the
     * target's id), else {@code null}.
     */
    public record Property(List<Field> path, String column, ColumnType type, boolean nullable, boolean unique,
            EnumType enumType, Class<?> target, String columnDefinition) {

        /** The attribute's name as a user writes it: {@code email}, or {@code address.city} inside an embeddable. */
        public String name() {
            if (path.size() == 1) {
                return path.get(0).getName();
            }
            StringBuilder name = new StringBuilder();
            for (Field field : path) {
                name.append(name.length() == 0 ? "" : ".").append(field.getName());
            }
            return name.toString();
        }

        /** The Java type of the attribute. */
        public Class<?> javaType() {
            return path.get(path.size() - 1).getType();
        }

        Property renamed(UnaryOperator<String> naming) {
            return new Property(path, naming.apply(column), type, nullable, unique, enumType, target, columnDefinition);
        }
    }

    /** The kinds of collection-valued (or column-less) attributes. */
    public enum RelationKind {
        /** {@code @ManyToMany} that owns its join table. */
        MANY_TO_MANY,
        /** {@code @ManyToMany(mappedBy)}: its rows live in the other side's join table. */
        MANY_TO_MANY_INVERSE,
        /** {@code @OneToMany(mappedBy)}: the elements hold the foreign key. */
        ONE_TO_MANY,
        /** {@code @OneToOne(mappedBy)}: the other object holds the foreign key. */
        ONE_TO_ONE_INVERSE,
        /** {@code @ElementCollection} of a basic type, in its collection table. */
        ELEMENTS
    }

    /**
     * A collection-valued attribute. {@code element} is the element type; {@code table}, {@code ownerColumn} and
     * {@code elementColumn} describe the join or collection table (null for {@code mappedBy} kinds); {@code mappedBy}
     * names the attribute of the element that maps this one back.
     */
    public record Relation(Field field, RelationKind kind, Class<?> element, String table, String ownerColumn,
            String elementColumn, String mappedBy) {

        Relation renamed(UnaryOperator<String> naming, UnaryOperator<String> qualified) {
            return new Relation(field, kind, element, table == null ? null : qualified.apply(table),
                    ownerColumn == null ? null : naming.apply(ownerColumn),
                    elementColumn == null ? null : naming.apply(elementColumn), mappedBy);
        }
    }

    /** Finds the attribute called {@code name} ({@code address.city} for a part of an embeddable), or null. */
    public Property property(String name) {
        for (Property property : properties) {
            if (property.name().equals(name)) {
                return property;
            }
        }
        return null;
    }

    /** Finds the collection-valued attribute called {@code name}, or null. */
    public Relation relation(String name) {
        for (Relation relation : relations) {
            if (relation.field().getName().equals(name)) {
                return relation;
            }
        }
        return null;
    }

    EntityMapping renamed(UnaryOperator<String> naming, UnaryOperator<String> qualified) {
        List<Property> renamedProperties = properties.stream().map(p -> p.renamed(naming)).toList();
        Property renamedId = renamedProperties.get(properties.indexOf(id));
        Property renamedVersion = version == null ? null : renamedProperties.get(properties.indexOf(version));
        return new EntityMapping(type, qualified.apply(table), renamedId, generation,
                sequence == null ? null : naming.apply(sequence), renamedVersion, renamedProperties,
                relations.stream().map(r -> r.renamed(naming, qualified)).toList());
    }
}
