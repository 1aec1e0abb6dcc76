package dev.dbtest.core.internal.schema;

import dev.dbtest.core.DbTestException;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entity mappings that dbtest's schema from entities refuses, each with the message of docs/errors.md that names the
 * entity and field and says what to do instead.
 */
class EntityMistakesTests {

    @Test
    void aManyToManyToAnEntityMissingFromTheListAsksToAddItForTheJoinTable() {
        assertThatThrownBy(() -> EntityReader.read(List.of(Tagged.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("Tagged.labels refers to " + Label.class.getName() + ", which is not in "
                        + "@DatabaseTest(entities). Add it, so that dbtest can create its table and the join table "
                        + "(with entityPackages: put it in one of the packages).");
    }

    @Test
    void twoIdFieldsAreRefusedAsACompositeKeyNotSupportedYet() {
        assertThatThrownBy(() -> EntityReader.read(List.of(TwoIds.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage(TwoIds.class.getName() + " has 2 @Id fields; composite keys are not supported yet by "
                        + "dbtest's schema from entities. Create its table with a script: @DatabaseTest(scripts = ...).");
    }

    @Test
    void anEntityExtendingAnotherEntityIsRefusedAsInheritanceNotSupportedYet() {
        assertThatThrownBy(() -> EntityReader.read(List.of(Animal.class, Dog.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage(Dog.class.getName() + " extends the entity " + Animal.class.getName() + "; entity "
                        + "inheritance is not supported yet by dbtest's schema from entities. Create these tables with "
                        + "a script.");
    }

    @Test
    void anEmbeddedIdIsRefusedAsNotSupportedYet() {
        assertThatThrownBy(() -> EntityReader.read(List.of(EmbeddedKeyed.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("@EmbeddedId on EmbeddedKeyed.key is not yet supported by dbtest's schema from entities. "
                        + "Create that part of the schema with a script: @DatabaseTest(entities = {...}, scripts = "
                        + "\"classpath:extra.sql\").");
    }

    @Test
    void mapsIdIsRefusedAsNotSupportedYet() {
        assertThatThrownBy(() -> EntityReader.read(List.of(Person.class, Passport.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("@MapsId on Passport.person is not yet supported by dbtest's schema from entities. "
                        + "Create that table with a script: @DatabaseTest(scripts = ...).");
    }

    @Test
    void aJoinColumnReferencingAColumnOtherThanTheIdIsRefused() {
        assertThatThrownBy(() -> EntityReader.read(List.of(Person.class, Visa.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("@JoinColumn(referencedColumnName = \"code\") on Visa.holder points at a column other than "
                        + "the @Id of Person; dbtest's schema from entities supports foreign keys to the @Id only so far. "
                        + "Create that foreign key with a script.");
    }

    @Test
    void anEmbeddedClassWithoutEmbeddableIsNamedWithTheAnnotationToAdd() {
        assertThatThrownBy(() -> EntityReader.read(List.of(Shipment.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("Shipment.address is @Embedded, but " + PlainAddress.class.getName() + " is not annotated "
                        + "with @jakarta.persistence.Embeddable. Annotate it.");
    }

    @Test
    void anElementCollectionOfAnEmbeddableOrAnEntityIsRefusedAsOnlyBasicTypesAreSupported() {
        assertThatThrownBy(() -> EntityReader.read(List.of(AddressBook.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("@ElementCollection of Address on AddressBook.addresses is not yet supported by dbtest's "
                        + "schema from entities (only basic types are). Create that table with a script: "
                        + "@DatabaseTest(entities = {...}, scripts = \"classpath:extra.sql\").");
        assertThatThrownBy(() -> EntityReader.read(List.of(Person.class, Club.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("@ElementCollection of Person on Club.members is not yet supported by dbtest's schema from "
                        + "entities (only basic types are). Create that table with a script: "
                        + "@DatabaseTest(entities = {...}, scripts = \"classpath:extra.sql\").");
    }

    @Test
    void aRawCollectionAsARelationOrElementCollectionAsksForItsTypeArgument() {
        assertThatThrownBy(() -> EntityReader.read(List.of(RawRelation.class, Label.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("RawRelation.labels must be a collection with one type argument, such as List<Tag>.");
        assertThatThrownBy(() -> EntityReader.read(List.of(RawElements.class)))
                .isInstanceOf(DbTestException.class)
                .hasMessage("RawElements.nicknames must be a collection with one type argument, such as List<Tag>.");
    }

    // --- the entities ------------------------------------------------------------------------------------------------

    @Entity(name = "Label")
    static class Label {
        @Id
        Long id;
        String name;
    }

    @Entity(name = "Tagged")
    static class Tagged {
        @Id
        Long id;
        @ManyToMany
        Set<Label> labels;
    }

    @Entity(name = "TwoIds")
    static class TwoIds {
        @Id
        Long orderId;
        @Id
        Long lineNumber;
    }

    @Entity(name = "Animal")
    static class Animal {
        @Id
        Long id;
    }

    @Entity(name = "Dog")
    static class Dog extends Animal {
        String name;
    }

    @Embeddable
    static class Key {
        Long orderId;
        Long lineNumber;
    }

    @Entity(name = "EmbeddedKeyed")
    static class EmbeddedKeyed {
        @EmbeddedId
        Key key;
    }

    @Entity(name = "Person")
    static class Person {
        @Id
        Long id;
        String code;
    }

    @Entity(name = "Passport")
    static class Passport {
        @Id
        Long id;
        @MapsId
        @OneToOne
        Person person;
    }

    @Entity(name = "Visa")
    static class Visa {
        @Id
        Long id;
        @ManyToOne
        @JoinColumn(name = "holder_code", referencedColumnName = "code")
        Person holder;
    }

    static class PlainAddress {
        String street;
        String city;
    }

    @Entity(name = "Shipment")
    static class Shipment {
        @Id
        Long id;
        @Embedded
        PlainAddress address;
    }

    @Embeddable
    static class Address {
        String street;
        String city;
    }

    @Entity(name = "AddressBook")
    static class AddressBook {
        @Id
        Long id;
        @ElementCollection
        List<Address> addresses;
    }

    @Entity(name = "Club")
    static class Club {
        @Id
        Long id;
        @ElementCollection
        List<Person> members;
    }

    @Entity(name = "RawRelation")
    @SuppressWarnings("rawtypes")
    static class RawRelation {
        @Id
        Long id;
        @ManyToMany
        List labels;
    }

    @Entity(name = "RawElements")
    @SuppressWarnings("rawtypes")
    static class RawElements {
        @Id
        Long id;
        @ElementCollection
        List nicknames;
    }
}
