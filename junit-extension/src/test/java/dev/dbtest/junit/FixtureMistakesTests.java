package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import dev.dbtest.fixtures.Draft;
import dev.dbtest.fixtures.Factory;
import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.blog.Article;
import dev.dbtest.junit.blog.Author;
import dev.dbtest.junit.blog.AuthorFactory;
import dev.dbtest.junit.blog.Label;
import dev.dbtest.junit.blog.Reader;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import static dev.dbtest.junit.FixturesTests.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each mistake of the "Fixtures" table of docs/errors.md that no other test covered fails with the message the table
 * quotes, and a fixtures call that fails inserts nothing: the test's transaction is as it was before the call.
 */
class FixtureMistakesTests {

    private static final Map<String, String> H2 = Map.of("dbtest.database", "h2");

    // --- Mistakes in @DatabaseTest(factories) ---

    @Test
    void twoFactoriesOfOneEntityFailEachTestThatTakesFixtures() {
        EngineExecutionResults results = Kit.run(H2, TwoFactoriesTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .cause().isInstanceOf(DbTestException.class)
                .hasMessage("Two factories make " + Author.class.getName() + " in @DatabaseTest(factories) of "
                        + TwoFactoriesTestCase.class.getName() + ": " + AuthorFactory.class.getName() + " and "
                        + SecondAuthorFactory.class.getName() + ".\n  Fix: keep one; put the other's variations in "
                        + "traits of that one.");
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    }

    @Test
    void aFactoryThatIsNotConcreteFailsTheClass() {
        assertThat(Kit.failures(Kit.run(H2, AbstractFactoryTestCase.class)))
                .singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage(AbstractAuthorFactory.class.getName() + " is named in @DatabaseTest(factories) of "
                        + AbstractFactoryTestCase.class.getName() + " but is not a concrete subclass of "
                        + "dev.dbtest.fixtures.Factory.\n  Fix: declare it as 'class AbstractAuthorFactory extends "
                        + "Factory<YourEntity>'.");
    }

    @Test
    void aFactoryWhoseFactoryHasNoClassAsTypeArgumentFailsTheClass() {
        assertThat(Kit.failures(Kit.run(H2, NoTypeArgumentFactoryTestCase.class)))
                .singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage(AuthorThroughBaseFactory.class.getName() + " does not say which entity it makes: its "
                        + "Factory has no class as type argument.\n  Fix: declare it as 'class "
                        + "AuthorThroughBaseFactory extends Factory<YourEntity>'.");
    }

    @Test
    void aNonStaticNestedFactoryHasNoConstructorWithoutParametersAndFailsTheClass() {
        assertThat(Kit.failures(Kit.run(H2, InnerFactoryTestCase.class)))
                .singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("The factory " + InnerAuthorFactory.class.getName() + " has no constructor without "
                        + "parameters, so dbtest cannot make it.\n  Fix: add one (a nested factory class must be "
                        + "static).");
    }

    @Test
    void aFactoryWhoseConstructorThrowsFailsTheClassWithTheCause() {
        assertThat(Kit.failures(Kit.run(H2, ThrowingFactoryTestCase.class)))
                .singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("The constructor of the factory " + ThrowingAuthorFactory.class.getName() + " threw "
                        + "java.lang.IllegalStateException: no authors today")
                .cause().isInstanceOf(IllegalStateException.class);
    }

    // --- Mistakes in a fixtures call ---

    @Test
    void aClassThatIsNotAnEntityIsRefusedOnASchemaFromScripts() {
        Kit.assertAllPassed(Kit.run(H2, NotAnEntityTestCase.class), 1);
    }

    @Test
    void aTraitThatThrowsACheckedExceptionIsNamedAndWhatTheCallInsertedBeforeIsRolledBack() {
        Kit.assertAllPassed(Kit.run(H2, CheckedTraitTestCase.class), 1);
    }

    @Test
    void aNegativeCountIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, NegativeCountTestCase.class), 1);
    }

    @Test
    void requiredAssociationsThatGoRoundInACircleAreRefusedWithThePath() {
        Kit.assertAllPassed(Kit.run(H2, CircleTestCase.class), 1);
    }

    @Test
    void aRecordGivenAsAnAssociationWithoutAnIdIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, RecordWithoutIdTestCase.class), 1);
    }

    @Test
    void anAlreadyPersistedElementOfAOneToManyIsRefusedAndTheOwnerInsertedBeforeIsRolledBack() {
        Kit.assertAllPassed(Kit.run(H2, PersistedElementTestCase.class), 1);
    }

    @Test
    void nullForAPrimitiveAttributeIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, NullPrimitiveTestCase.class), 1);
    }

    @Test
    void anElementOfTheWrongTypeInACollectionIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, WrongElementTestCase.class), 1);
    }

    @Test
    void anEntityWithoutAConstructorWithoutParametersIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, NoConstructorEntityTestCase.class), 1);
    }

    @Test
    void anEntityWhoseConstructorThrowsIsNamedWithTheCause() {
        Kit.assertAllPassed(Kit.run(H2, ThrowingConstructorEntityTestCase.class), 1);
    }

    @Test
    void anEmbeddableWithoutAConstructorWithoutParametersIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, NoConstructorEmbeddableTestCase.class), 1);
    }

    @Test
    void aRecordWhoseCanonicalConstructorThrowsIsNamedAndItsInsertedRowIsRolledBack() {
        Kit.assertAllPassed(Kit.run(H2, ThrowingRecordTestCase.class), 1);
    }

    @Test
    void associationOnAnAttributeThatHoldsNoForeignKeyIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, AssociationOnAColumnTestCase.class), 1);
    }

    @Test
    void withOnAnAttributeThatIsNotACollectionOfEntitiesIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, WithOnAColumnTestCase.class), 1);
    }

    @Test
    void withANegativeCountOrMoreThanOneForAOneToOneIsRefused() {
        Kit.assertAllPassed(Kit.run(H2, WithBadCountTestCase.class), 1);
    }

    @Test
    void fixturesKeptAfterTheirTestCannotWriteRows() {
        Kit.assertAllPassed(Kit.run(H2, KeptFixturesTestCase.class), 2);
    }

    // --- Entities ---

    /** A hen that needs an egg. */
    @Entity
    @Table(name = "hens")
    static class Hen {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @ManyToOne(optional = false)
        Egg egg;
    }

    /** An egg that needs a hen. */
    @Entity
    @Table(name = "eggs")
    static class Egg {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @ManyToOne(optional = false)
        Hen hen;
    }

    /** A review of an optional reader, a record entity. */
    @Entity
    @Table(name = "reviews")
    static class Review {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, length = 20)
        String text;
        @ManyToOne
        Reader reader;
    }

    /** An entity whose only constructor takes a parameter. */
    @Entity
    @Table(name = "badges")
    static class Badge {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String label;

        Badge(String label) {
            this.label = label;
        }
    }

    /** An entity whose constructor throws. */
    @Entity
    @Table(name = "fragiles")
    static class Fragile {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        Fragile() {
            throw new IllegalStateException("made only by its builder");
        }
    }

    /** An embeddable whose only constructor takes a parameter. */
    @Embeddable
    static class Place {
        @Column(nullable = false, length = 20)
        String city;

        Place(String city) {
            this.city = city;
        }
    }

    /** An entity with a required part of {@link Place}. */
    @Entity
    @Table(name = "venues")
    static class Venue {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Embedded
        Place place;
    }

    /** A record entity whose canonical constructor refuses a colour. */
    @Entity
    @Table(name = "pens")
    record Pen(@Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id,
            @Column(nullable = false, length = 10) String colour) {
        Pen {
            if ("none".equals(colour)) {
                throw new IllegalArgumentException("a pen needs a colour");
            }
        }
    }

    /** A person, with the inverse side of a one-to-one. */
    @Entity
    @Table(name = "people")
    static class Person {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @OneToOne(mappedBy = "person")
        Passport passport;
    }

    /** A passport, holding the foreign key of the one-to-one. */
    @Entity
    @Table(name = "passports")
    static class Passport {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @OneToOne
        Person person;
    }

    /** A class without {@code @Entity}. */
    static class NotAnEntity {
    }

    // --- Factories ---

    /** A second factory of {@link Author}, beside {@link AuthorFactory}. */
    static class SecondAuthorFactory extends Factory<Author> {
    }

    /** A factory that cannot be instantiated. */
    abstract static class AbstractAuthorFactory extends Factory<Author> {
    }

    /**
     * A generic base of factories: its {@code Factory} has a type variable as type argument. (A raw
     * {@code extends Factory} does not compile in {@code @DatabaseTest(factories)}, typed {@code Factory<?>}.)
     */
    static class BaseFactory<T> extends Factory<T> {
    }

    /** A factory that names its entity only through {@link BaseFactory}, which dbtest does not follow. */
    static class AuthorThroughBaseFactory extends BaseFactory<Author> {
    }

    /** A factory without a constructor without parameters: a non-static nested class. */
    class InnerAuthorFactory extends Factory<Author> {
    }

    /** A factory whose constructor throws. */
    static class ThrowingAuthorFactory extends Factory<Author> {
        ThrowingAuthorFactory() {
            throw new IllegalStateException("no authors today");
        }
    }

    /** A label factory whose trait throws a checked exception. */
    static class UnreadableLabelFactory extends Factory<Label> {
        public void fromFile(Draft<Label> label) throws IOException {
            throw new IOException("labels.txt cannot be read");
        }
    }

    /** An article factory whose trait asks for an association on a plain column. */
    static class TitleAssociationFactory extends Factory<Article> {
        public void titled(Draft<Article> article) {
            article.association("title");
        }
    }

    // --- Test cases ---

    @DatabaseTest(entities = {Author.class, Article.class, Label.class},
            factories = {AuthorFactory.class, SecondAuthorFactory.class})
    static class TwoFactoriesTestCase {

        @Test
        void takesFixtures(Fixtures fixtures) {
        }

        @Test
        void takesNone(DataSource dataSource) {
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = AbstractAuthorFactory.class)
    static class AbstractFactoryTestCase {

        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = AuthorThroughBaseFactory.class)
    static class NoTypeArgumentFactoryTestCase {

        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = InnerAuthorFactory.class)
    static class InnerFactoryTestCase {

        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = ThrowingAuthorFactory.class)
    static class ThrowingFactoryTestCase {

        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(scripts = "classpath:labels.sql")
    static class NotAnEntityTestCase {

        @Test
        void aClassWithoutEntityIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(NotAnEntity.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage(NotAnEntity.class.getName() + " is not annotated with @jakarta.persistence.Entity, so "
                            + "fixtures cannot make it: they build rows from an entity's mapping.\n  Fix: pass an "
                            + "entity class.");
            assertThat(count(dataSource, "labels")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = UnreadableLabelFactory.class)
    static class CheckedTraitTestCase {

        @Test
        void theTraitIsNamedWithItsCause(Fixtures fixtures, DataSource dataSource) throws SQLException {
            // The article and its author are inserted before the labels are made: the failure takes them back.
            assertThatThrownBy(() -> fixtures.of(Article.class).with("labels", 1, "fromFile").create())
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The trait fromFile of UnreadableLabelFactory threw java.io.IOException: labels.txt "
                            + "cannot be read")
                    .cause().isInstanceOf(IOException.class);
            assertThat(count(dataSource, "articles")).isZero();
            assertThat(count(dataSource, "authors")).isZero();
            assertThat(count(dataSource, "labels")).isZero();
            fixtures.create(Article.class);                      // the transaction goes on
            assertThat(count(dataSource, "articles")).isEqualTo(1);
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class NegativeCountTestCase {

        @Test
        void aCountBelowZeroIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.createList(Author.class, -1))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("Fixtures cannot make -1 objects of Author: the count must be 0 or more.");
            assertThat(count(dataSource, "authors")).isZero();
        }
    }

    @DatabaseTest(entities = {Hen.class, Egg.class})
    static class CircleTestCase {

        @Test
        void theCircleIsNamed(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(Hen.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("Fixtures cannot make Egg: its required associations go round in a circle (Hen -> "
                            + "Egg.hen -> Hen), so each would need the other first.\n  Fix: create one side first and "
                            + "give it to the other, e.g. fixtures.create(Egg.class, x -> x.setHen(existing)).");
            assertThat(count(dataSource, "hens")).isZero();
            assertThat(count(dataSource, "eggs")).isZero();
        }
    }

    @DatabaseTest(entities = {Review.class, Reader.class})
    static class RecordWithoutIdTestCase {

        @Test
        void theRecordIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Reader notPersisted = new Reader(null, "zed", new Reader.Address("Oslo", null));
            assertThatThrownBy(() -> fixtures.create(Review.class, Map.of("reader", notPersisted)))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("Fixtures cannot persist the record Reader given to them without an id: a record "
                            + "cannot take the generated id.\n  Fix: create it with fixtures.create(Reader.class, ...) "
                            + "and give the result.");
            assertThat(count(dataSource, "reviews")).isZero();
            assertThat(count(dataSource, "readers")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class PersistedElementTestCase {

        @Test
        void thePersistedElementIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Article persisted = fixtures.create(Article.class);
            // The new author is inserted before its articles are looked at: the failure takes it back.
            assertThatThrownBy(() -> fixtures.create(Author.class, a -> a.getArticles().add(persisted)))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The Article given in Author.articles is already persisted, and fixtures do not "
                            + "update rows.\n  Fix: set its author to the Author when you create it, or give elements "
                            + "made with fixtures.build(...).");
            assertThat(count(dataSource, "authors")).isEqualTo(1);  // the author made for the article
            assertThat(count(dataSource, "articles")).isEqualTo(1);
            fixtures.create(Author.class);                        // the transaction goes on
            assertThat(count(dataSource, "authors")).isEqualTo(2);
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class NullPrimitiveTestCase {

        @Test
        void nullIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.of(Author.class).set("active", null).create())
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The attribute Author.active is a boolean and cannot be set to null.");
            assertThat(count(dataSource, "authors")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class WrongElementTestCase {

        @Test
        void theElementIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.of(Article.class).set("labels", Set.of("short")).create())
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The value given for Article.labels has the wrong type: " + Label.class.getName()
                            + " expected, but java.lang.String 'short' was given as an element of the collection.\n"
                            + "  Fix: give a Label.");
            assertThat(count(dataSource, "articles")).isZero();
            assertThat(count(dataSource, "authors")).isZero();
        }
    }

    @DatabaseTest(entities = Badge.class)
    static class NoConstructorEntityTestCase {

        @Test
        void theEntityIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(Badge.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage(Badge.class.getName() + " has no constructor without parameters, so fixtures cannot "
                            + "make one (JPA requires one, protected is enough).\n  Fix: add one.");
            assertThat(count(dataSource, "badges")).isZero();
        }
    }

    @DatabaseTest(entities = Fragile.class)
    static class ThrowingConstructorEntityTestCase {

        @Test
        void theCauseIsNamed(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(Fragile.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The constructor of " + Fragile.class.getName() + " threw "
                            + "java.lang.IllegalStateException: made only by its builder when fixtures called it.")
                    .cause().isInstanceOf(IllegalStateException.class);
            assertThat(count(dataSource, "fragiles")).isZero();
        }
    }

    @DatabaseTest(entities = Venue.class)
    static class NoConstructorEmbeddableTestCase {

        @Test
        void theEmbeddableIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(Venue.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("Fixtures cannot make the embeddable " + Place.class.getName() + ": it needs a "
                            + "constructor without parameters (or be a record).");
            assertThat(count(dataSource, "venues")).isZero();
        }
    }

    @DatabaseTest(entities = Pen.class)
    static class ThrowingRecordTestCase {

        @Test
        void theCauseIsNamedAndTheRowIsGone(Fixtures fixtures, DataSource dataSource) throws SQLException {
            // A record is made once its id is known, after its row is inserted: the failure takes the row back.
            assertThatThrownBy(() -> fixtures.create(Pen.class, Map.of("colour", "none")))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The constructor of the record " + Pen.class.getName() + " threw "
                            + "java.lang.IllegalArgumentException: a pen needs a colour when fixtures called it.")
                    .cause().isInstanceOf(IllegalArgumentException.class);
            assertThat(count(dataSource, "pens")).isZero();
            assertThat(fixtures.create(Pen.class, Map.of("colour", "blue")).id()).isNotNull();
            assertThat(count(dataSource, "pens")).isEqualTo(1);
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = TitleAssociationFactory.class)
    static class AssociationOnAColumnTestCase {

        @Test
        void theAttributeIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(Article.class, "titled"))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("association(\"title\") on a draft of Article: title is not a @ManyToOne or "
                            + "@OneToOne that holds a foreign key. Use set(...) for other attributes, and with(...) "
                            + "for collections.");
            assertThat(count(dataSource, "articles")).isZero();
            assertThat(count(dataSource, "authors")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class WithOnAColumnTestCase {

        @Test
        void theAttributeIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.of(Author.class).with("name", 2).create())
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("with(\"name\", 2) on Author: name is not a @OneToMany, @ManyToMany or "
                            + "@OneToOne(mappedBy) of entities, so fixtures cannot make elements for it. Set its value "
                            + "instead.");
            assertThat(count(dataSource, "authors")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class, Person.class, Passport.class})
    static class WithBadCountTestCase {

        @Test
        void theCountIsRefused(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.of(Article.class).with("labels", -1).create())
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("with(\"labels\", -1) on Article: the count must be 0 or more.");
            assertThatThrownBy(() -> fixtures.of(Person.class).with("passport", 2).create())
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("with(\"passport\", 2) on Person: the count must be 0 or 1 for a @OneToOne.");
            assertThat(count(dataSource, "articles")).isZero();
            assertThat(count(dataSource, "people")).isZero();
            assertThat(count(dataSource, "passports")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class KeptFixturesTestCase {

        static Fixtures kept;

        @Test
        void a_keepsItsFixtures(Fixtures fixtures) {
            kept = fixtures;
        }

        @Test
        void b_usesThemLater(DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> kept.create(Author.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("dbtest cannot write rows for KeptFixturesTestCase.a_keepsItsFixtures(): its "
                            + "transaction has ended. Fixtures work only while the test that took them runs.");
            assertThat(count(dataSource, "authors")).isZero();
        }
    }
}
