package dev.dbtest.core.internal.schema;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Index;
import jakarta.persistence.UniqueConstraint;
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
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Entities for the schema tests: a small blog, a cycle, and mappings not covered yet. Nested classes, so each is
 * named with {@code @Entity(name)}: Hibernate's default name for a nested class would be {@code Blog$Post}.
 */
final class Blog {

    private Blog() {
    }

    enum Role { READER, WRITER }

    @MappedSuperclass
    abstract static class Audited {
        Instant createdAt;
        @Version
        long version;
    }

    @Entity
    @Table(name = "users")
    static class User extends Audited {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, length = 100)
        String name;
        @Column(nullable = false, unique = true)
        String email;
        boolean active;
        @Enumerated(EnumType.STRING)
        Role role;
        Role ordinalRole;
        @Column(precision = 10, scale = 2)
        BigDecimal balance;
        LocalDate birthday;
        UUID externalId;
        @Transient
        String notStored;
        transient String alsoNotStored;
        static String notAField;
        @OneToMany(mappedBy = "author")
        List<Post> posts;
    }

    @Entity(name = "Post")
    static class Post {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "posts")
        @SequenceGenerator(name = "posts", sequenceName = "post_ids", initialValue = 1, allocationSize = 1)
        long id;
        String title;
        @Lob
        String content;
        @ManyToOne(optional = false)
        User author;
        @ManyToOne
        @JoinColumn(name = "editor")
        User editor;
    }

    @Entity(name = "Profile")
    static class Profile {
        @Id
        UUID id;
        @OneToOne
        User owner;
        byte[] avatar;
    }

    /** Names given explicitly: a column, a one-to-one's join column, a join table and both its columns. */
    @Entity(name = "Member")
    @Table(name = "members")
    static class Member {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(name = "display_name", nullable = false, length = 60)
        String displayName;
        @OneToOne(optional = false)
        @JoinColumn(name = "profile_ref")
        Profile profile;
        @ManyToMany
        @JoinTable(name = "member_tags", joinColumns = @JoinColumn(name = "member_ref"),
                inverseJoinColumns = @JoinColumn(name = "tag_ref"))
        Set<Tag> tags;
    }

    @Entity(name = "Chicken")
    static class Chicken {
        @Id
        @GeneratedValue
        Long id;
        @ManyToOne
        Egg laidFrom;
    }

    @Entity(name = "Egg")
    static class Egg {
        @Id
        @GeneratedValue
        Long id;
        @ManyToOne
        Chicken layer;
    }

    @Embeddable
    record Address(String street, @Column(nullable = false) String city) {
    }

    @Entity(name = "Shop")
    @Table(uniqueConstraints = @UniqueConstraint(columnNames = {"name", "home_city"}),
            indexes = @Index(columnList = "name"))
    static class Shop {
        @Id
        Long id;
        String name;
        @Embedded
        @AttributeOverride(name = "city", column = @Column(name = "home_city"))
        Address address;
        @ManyToMany
        Set<Tag> tags;
        @ElementCollection
        List<String> openingDays;
    }

    @Entity(name = "Tag")
    static class Tag {
        @Id
        Long id;
        String label;
        @ManyToMany(mappedBy = "tags")
        List<Shop> shops;
    }

    /** Every Java type the mapping covers, in a table of its own schema. */
    @Entity(name = "Everything")
    @Table(name = "everything", schema = "store")
    static class Everything {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
        String text;
        char letter;
        Character boxedLetter;
        boolean flag;
        Boolean boxedFlag;
        byte tiny;
        Byte boxedTiny;
        short small;
        Short boxedSmall;
        int number;
        Integer boxedNumber;
        long big;
        Long boxedBig;
        float single;
        Float boxedSingle;
        double precise;
        Double boxedPrecise;
        @Column(precision = 20, scale = 6)
        BigDecimal money;
        java.math.BigInteger huge;
        LocalDate day;
        java.time.LocalTime time;
        java.time.LocalDateTime moment;
        java.time.OffsetDateTime offsetMoment;
        Instant instant;
        UUID uuid;
        byte[] bytes;
        @Lob
        byte[] blob;
        @Lob
        String clob;
        Role ordinal;
        @Enumerated(EnumType.STRING)
        Role named;
        @Column(columnDefinition = "VARCHAR(20)")
        String defined;
    }

    /** An entity that is a record (dbtest reads it; Hibernate ORM itself does not take records as entities). */
    @Entity(name = "Note")
    record Note(@Id Long id, @Column(nullable = false) String body, Address address) {
    }

    @Embeddable
    record Contact(String phone, Address address) {
    }

    @Entity(name = "Customer")
    static class Customer {
        @Id
        Long id;
        @Embedded
        @AttributeOverride(name = "address.city", column = @Column(name = "contact_city", length = 80))
        @AttributeOverride(name = "phone", column = @Column(name = "contact_phone", nullable = false))
        Contact contact;
        @jakarta.persistence.Basic(optional = false)
        String code;
    }

    @Entity(name = "TableGenerated")
    static class TableGenerated {
        @Id
        @GeneratedValue(strategy = GenerationType.TABLE)
        Long id;
    }

    @Entity(name = "Unidirectional")
    static class Unidirectional {
        @Id
        Long id;
        @OneToMany
        List<Tag> tags;
    }

    @MappedSuperclass
    abstract static class WithGeneratedId {
        @Id
        @GeneratedValue
        Long id;
    }

    @Entity(name = "InheritsId")
    static class InheritsId extends WithGeneratedId {
        String name;
    }

    @Entity(name = "SharedSequenceA")
    static class SharedSequenceA {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shared")
        @SequenceGenerator(name = "shared", sequenceName = "shared_ids", allocationSize = 10)
        Long id;
    }

    @Entity(name = "SharedSequenceB")
    static class SharedSequenceB {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shared")
        @SequenceGenerator(name = "shared", sequenceName = "shared_ids", allocationSize = 10)
        Long id;
    }

    @Entity(name = "ConflictingSequence")
    static class ConflictingSequence {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "other")
        @SequenceGenerator(name = "other", sequenceName = "shared_ids", allocationSize = 1)
        Long id;
    }

    @Entity(name = "NoId")
    static class NoId {
        Long id;
    }

    @Entity(name = "Odd")
    static class Odd {
        @Id
        Long id;
        Thread worker;
    }

    @Entity(name = "ClashA")
    @Table(name = "clash")
    static class ClashA {
        @Id
        Long id;
        String a;
    }

    @Entity(name = "ClashB")
    @Table(name = "clash")
    static class ClashB {
        @Id
        Long id;
        String b;
    }

    @Entity(name = "Keyed")
    static class Keyed {
        @Id
        Long id;
        java.util.Map<String, String> attributes;
    }

    static class NotAnEntity {
        @Id
        Long id;
    }
}
