package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.blog.Article;
import dev.dbtest.junit.blog.ArticleFactory;
import dev.dbtest.junit.blog.Author;
import dev.dbtest.junit.blog.AuthorFactory;
import dev.dbtest.junit.blog.Label;
import dev.dbtest.junit.blog.Measurement;
import dev.dbtest.junit.blog.Reader;
import dev.dbtest.junit.blog.Role;
import dev.dbtest.junit.blog.Stamp;
import dev.dbtest.junit.blog.Visit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fixture factories (issue 4): defaults, sequences, traits, associations and persisting, on H2 and PostgreSQL. */
class FixturesTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void createsValidRowsWithDefaultsAssociationsAndGeneratedKeys(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, DefaultsTestCase.class), 12);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void factoriesGiveDefaultsTraitsAndDependOnEachOther(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, FactoriesTestCase.class), 5);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void badInputFailsWithTheFixAndLeavesTheTransactionAsItWas(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, BadInputTestCase.class), 9);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void rowsMadeInBeforeEachAndTestsAreRolledBackAndSequencesRestart(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, RollbackTestCase.class), 3);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void withASchemaFromScriptsTheMappingIsReadFromTheEntityAndAMissingTableIsNamed(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, ScriptSchemaTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void snakeCaseNamesAreTheOnesFixturesWrite(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, SnakeCaseTestCase.class), 1);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void testsRunningSideBySideGetUniqueValuesTaggedByTest(TestedDatabase database) {
        ConcurrentTestCase.firstEmails.clear();
        Kit.assertAllPassed(Kit.run(database, Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent"), ConcurrentTestCase.class), 2);
        assertThat(ConcurrentTestCase.firstEmails).hasSize(2);   // the two tests made different values
    }

    @Test
    void withParallelClassesButSequentialMethodsValuesAreTaggedToo() {
        ConcurrentTestCase.firstEmails.clear();
        Kit.assertAllPassed(Kit.run(TestedDatabase.H2, Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"), ConcurrentTestCase.class), 2);
        assertThat(ConcurrentTestCase.firstEmails).hasSize(2);
    }

    @Test
    void fixturesAreRefusedInBeforeAllWithTheAlternative() {
        assertThat(Kit.failures(Kit.run(TestedDatabase.H2, FixturesInBeforeAllTestCase.class)))
                .singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("@DatabaseTest cannot inject parameter [Fixtures fixtures] of method setUp() of "
                        + FixturesInBeforeAllTestCase.class.getName() + ": fixtures write rows into one test's "
                        + "transaction, and no test runs in a @BeforeAll or @AfterAll method. Take Fixtures in a "
                        + "@BeforeEach method");
    }

    @Test
    void aFactoryOfAnEntityOutsideTheSchemaFailsTheClass() {
        assertThat(Kit.failures(Kit.run(TestedDatabase.H2, FactoryOutsideSchemaTestCase.class)))
                .singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("dev.dbtest.junit.blog.Article is not an entity of the schema of "
                        + FactoryOutsideSchemaTestCase.class.getName() + ", so fixtures cannot make it. The schema's "
                        + "entities: Author, Label.");
    }

    static long count(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    static List<String> strings(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<String> values = new java.util.ArrayList<>();
                while (result.next()) {
                    values.add(result.getString(1));
                }
                return values;
            }
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class, Reader.class, Measurement.class, Visit.class,
            Stamp.class})
    static class DefaultsTestCase {

        @Test
        void primitiveIdsAtZeroAreGenerated(Fixtures fixtures, DataSource dataSource) throws SQLException {
            List<Visit> visits = fixtures.createList(Visit.class, 3);
            assertThat(visits).extracting(Visit::getId).doesNotContain(0L).doesNotHaveDuplicates();
            assertThat(visits).extracting(v -> v.getStamp().getId()).doesNotContain(0).doesNotHaveDuplicates();
            Stamp stamp = new Stamp();                           // made by hand, id 0: not persisted yet
            Visit visit = fixtures.create(Visit.class, v -> v.setStamp(stamp));
            assertThat(stamp.getId()).isNotZero();
            assertThat(strings(dataSource, "SELECT stamp_id FROM visits WHERE id = ?", visit.getId()))
                    .containsExactly(String.valueOf(stamp.getId()));
        }

        @Test
        void givenElementsAndNewOnesAreJoinedTogether(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Label given = fixtures.build(Label.class);
            Article article = fixtures.of(Article.class).with(a -> a.getLabels().add(given)).with("labels", 1).create();
            assertThat(article.getLabels()).hasSize(2).contains(given);
            assertThat(given.getId()).isNotNull();
            assertThat(count(dataSource, "article_labels")).isEqualTo(2);
            assertThat(count(dataSource, "labels")).isEqualTo(2);
        }

        @Test
        void aCreatedObjectHasValidDefaultsItsIdAndItsRow(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Author first = fixtures.create(Author.class);
            Author second = fixtures.create(Author.class);
            assertThat(first.getId()).isNotNull();
            assertThat(second.getId()).isGreaterThan(first.getId());
            assertThat(first.getEmail()).isEqualTo("author-1@example.com");
            assertThat(second.getEmail()).isEqualTo("author-2@example.com");
            assertThat(first.getName()).isEqualTo("name-1");
            assertThat(first.getCreatedAt()).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
            assertThat(first.getBio()).isNull();                 // nullable: left null
            assertThat(first.getRole()).isNull();
            assertThat(first.getVersion()).isZero();             // @Version starts at its initial value
            assertThat(strings(dataSource, "SELECT email FROM authors WHERE id = ?", first.getId()))
                    .containsExactly("author-1@example.com");
            assertThat(strings(dataSource, "SELECT version FROM authors WHERE id = ?", first.getId()))
                    .containsExactly("0");
        }

        @Test
        void everyBasicTypeGetsAValueWithinItsColumn(Fixtures fixtures, DataSource dataSource) throws SQLException {
            List<Measurement> made = fixtures.createList(Measurement.class, 3);
            assertThat(made).extracting(Measurement::getCode).doesNotHaveDuplicates().doesNotContainNull();
            assertThat(made.get(0).getUnit()).hasSizeLessThanOrEqualTo(3);
            assertThat(made.get(0).getAmount()).isEqualByComparingTo(new BigDecimal("1.00"));
            assertThat(made).extracting(Measurement::getSerial).containsExactly(1L, 2L, 3L);
            assertThat(count(dataSource, "measurements")).isEqualTo(3);
        }

        @Test
        void aRequiredParentIsMadeForEachChildAndAGivenOneIsShared(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            List<Article> own = fixtures.createList(Article.class, 50);
            assertThat(own).extracting(a -> a.getAuthor().getId()).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(own).extracting(Article::getEditor).containsOnlyNulls();  // optional: left null
            assertThat(own).extracting(Article::getId).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(count(dataSource, "authors")).isEqualTo(50);

            Author ann = fixtures.create(Author.class, a -> a.setName("Ann"));
            List<Article> shared = fixtures.createList(Article.class, 3, a -> a.setAuthor(ann));
            assertThat(shared).extracting(Article::getAuthor).containsOnly(ann);
            assertThat(count(dataSource, "authors")).isEqualTo(51);
            assertThat(strings(dataSource, "SELECT COUNT(*) FROM articles WHERE author_id = ?", ann.getId()))
                    .containsExactly("3");
        }

        @Test
        void theIndexFormAndValuesByNameSetEachObject(Fixtures fixtures, DataSource dataSource) throws SQLException {
            List<Article> articles = fixtures.createList(Article.class, 3, (article, i) -> article.setTitle("Post " + i));
            assertThat(articles).extracting(Article::getTitle).containsExactly("Post 0", "Post 1", "Post 2");
            Author bea = fixtures.create(Author.class, Map.of("name", "Bea", "email", "bea@example.com"));
            assertThat(strings(dataSource, "SELECT name FROM authors WHERE email = ?", "bea@example.com"))
                    .containsExactly("Bea");
            assertThat(bea.getId()).isNotNull();
        }

        @Test
        void aRecordEntityIsMadeFromValuesByNameAndReturnedWithItsId(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            Reader reader = fixtures.create(Reader.class, Map.of("nickname", "zed", "address.street", "Main St"));
            assertThat(reader.id()).isNotNull();
            assertThat(reader.nickname()).isEqualTo("zed");
            assertThat(reader.address().city()).isEqualTo("city-1");  // NOT NULL inside the embeddable
            assertThat(reader.address().street()).isEqualTo("Main St");
            assertThat(strings(dataSource, "SELECT city FROM readers WHERE id = ?", reader.id()))
                    .containsExactly("city-1");
            assertThatThrownBy(() -> fixtures.create(Reader.class, r -> { }))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("Reader is a record, so fixtures cannot change it with a Consumer");
        }

        @Test
        void buildMakesTheSameObjectsWithoutPersistingThem(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            Article built = fixtures.build(Article.class);
            assertThat(built.getId()).isNull();
            assertThat(built.getTitle()).isEqualTo("title-1");
            assertThat(built.getAuthor()).isNotNull();
            assertThat(built.getAuthor().getId()).isNull();
            assertThat(count(dataSource, "articles")).isZero();
            assertThat(count(dataSource, "authors")).isZero();
            // A built author given to a created article is persisted with it.
            Author author = fixtures.build(Author.class);
            Article created = fixtures.create(Article.class, a -> a.setAuthor(author));
            assertThat(author.getId()).isNotNull();
            assertThat(created.getAuthor()).isSameAs(author);
            assertThat(count(dataSource, "authors")).isEqualTo(1);
        }

        @Test
        void collectionsAreFilledOnlyWhenAsked(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Article plain = fixtures.create(Article.class);
            assertThat(plain.getLabels()).isEmpty();
            assertThat(count(dataSource, "article_labels")).isZero();

            Article labelled = fixtures.of(Article.class).with("labels", 2).create();
            assertThat(labelled.getLabels()).hasSize(2).allSatisfy(label -> assertThat(label.getId()).isNotNull());
            assertThat(count(dataSource, "article_labels")).isEqualTo(2);

            Label shared = fixtures.create(Label.class);
            fixtures.createList(Article.class, 2, a -> a.getLabels().add(shared));
            assertThat(strings(dataSource, "SELECT COUNT(*) FROM article_labels WHERE labels_id = ?", shared.getId()))
                    .containsExactly("2");

            Author prolific = fixtures.of(Author.class).with("articles", 3).create();
            assertThat(prolific.getArticles()).hasSize(3).allSatisfy(a -> assertThat(a.getAuthor()).isSameAs(prolific));
            assertThat(strings(dataSource, "SELECT COUNT(*) FROM articles WHERE author_id = ?", prolific.getId()))
                    .containsExactly("3");
        }

        @Test
        void anElementCollectionGetsItsRows(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Author author = fixtures.create(Author.class, a -> a.getAliases().addAll(Set.of("ann", "annie")));
            assertThat(strings(dataSource, "SELECT aliases FROM Author_aliases WHERE Author_id = ? ORDER BY aliases",
                    author.getId())).containsExactly("ann", "annie");
        }

        @Test
        void aLargeObjectColumnIsWritten(Fixtures fixtures, DataSource dataSource, TestDatabase database)
                throws SQLException {
            Article article = fixtures.create(Article.class, a -> a.setBody("long text"));
            String body = database.dialect() == dev.dbtest.core.Dialect.POSTGRESQL
                    ? "convert_from(lo_get(body), 'UTF8')" : "body";   // a large object (oid) on PostgreSQL
            assertThat(strings(dataSource, "SELECT " + body + " FROM articles WHERE id = ?", article.getId()))
                    .containsExactly("long text");
        }

        @Test
        void theRowsAreVisibleToTheCodeUnderTestOnItsOwnConnections(Fixtures fixtures, DataSource dataSource)
                throws Exception {
            fixtures.createList(Author.class, 4);
            var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                assertThat(executor.submit(() -> count(dataSource, "authors")).get()).isEqualTo(4);
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class},
            factories = {AuthorFactory.class, ArticleFactory.class})
    static class FactoriesTestCase {

        @Test
        void theFactorysDefaultsComeAfterTheMetadataOnes(Fixtures fixtures) {
            Author author = fixtures.create(Author.class);
            assertThat(author.getName()).isEqualTo("Author 1");
            assertThat(author.isActive()).isTrue();
            assertThat(author.getRole()).isEqualTo(Role.MEMBER);
            assertThat(author.getEmail()).isEqualTo("author-1@example.com");
        }

        @Test
        void traitsApplyInOrderAndOverridesWin(Fixtures fixtures) {
            Author admin = fixtures.create(Author.class, "admin", "inactive");
            assertThat(admin.getRole()).isEqualTo(Role.ADMIN);
            assertThat(admin.isActive()).isFalse();
            Author renamed = fixtures.of(Author.class).traits("admin").set("name", "Root").create();
            assertThat(renamed.getName()).isEqualTo("Root");
            assertThat(renamed.getRole()).isEqualTo(Role.ADMIN);
        }

        @Test
        void aFactoryDependsOnAnotherThroughATraitOfTheAssociation(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            List<Article> articles = fixtures.of(Article.class).traits("byAnAdmin", "labelled").createList(2);
            assertThat(articles).extracting(a -> a.getAuthor().getRole()).containsOnly(Role.ADMIN);
            assertThat(articles).extracting(Article::getTitle).containsExactly("Article 1", "Article 2");
            assertThat(articles).allSatisfy(a -> assertThat(a.getLabels()).hasSize(2));
            assertThat(count(dataSource, "article_labels")).isEqualTo(4);
        }

        @Test
        void anUnknownTraitAskedForByAFactoryIsNamed(Fixtures fixtures) {
            assertThatThrownBy(() -> fixtures.create(Article.class, "byAGhost"))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("The factory AuthorFactory has no trait 'ghost'. Its traits, nearest first:");
        }

        @Test
        void aGivenAssociationIsNotMadeAgain(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Author ann = fixtures.create(Author.class);
            fixtures.of(Article.class).traits("byAnAdmin").set("author", ann).createList(2);
            assertThat(count(dataSource, "authors")).isEqualTo(1);
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, factories = AuthorFactory.class)
    static class BadInputTestCase {

        @Test
        void anUnknownAttributeIsNamedWithTheValidOnesNearestFirst(Fixtures fixtures) {
            assertThatThrownBy(() -> fixtures.create(Author.class, Map.of("emial", "x@example.com")))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("Author has no attribute 'emial' that fixtures can set. Did you mean 'email'? Its "
                            + "attributes, nearest first: email, bio, id, active, aliases, name, role, version, "
                            + "articles, createdAt.\n  Fix: use one of those names (an attribute of an embeddable is written "
                            + "\"address.city\").");
        }

        @Test
        void aValueOfTheWrongTypeIsRefused(Fixtures fixtures) {
            assertThatThrownBy(() -> fixtures.create(Author.class, Map.of("active", "yes")))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The value given for Author.active has the wrong type: boolean expected, but "
                            + "java.lang.String 'yes' was given.\n  Fix: give a boolean.");
        }

        @Test
        void aUniqueValueGivenTwiceNamesTheColumnAndTheValueAndInsertsNothing(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            fixtures.create(Author.class, Map.of("email", "ann@example.com"));
            assertThatThrownBy(() -> fixtures.create(Article.class,
                    a -> a.setAuthor(fixtures.build(Author.class, Map.of("email", "ann@example.com")))))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("Fixtures could not create Article (while inserting its Author) for "
                            + BadInputTestCase.class.getName() + ": the unique column authors.email already holds "
                            + "'ann@example.com' (given as Author.email).\n  Fix: give each Author its own value, or "
                            + "leave the attribute unset so that dbtest numbers it. Nothing of this call was inserted.");
            assertThat(count(dataSource, "authors")).isEqualTo(1);
            assertThat(count(dataSource, "articles")).isZero();
            // The transaction goes on (on PostgreSQL it would be aborted without the savepoint).
            fixtures.create(Author.class);
            assertThat(count(dataSource, "authors")).isEqualTo(2);
        }

        @Test
        void aUniqueValueTwiceInOneListNamesBothObjects(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.createList(Author.class, 3, (a, i) -> a.setEmail(i == 0 ? "a@x" : "b@x")))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageContaining("the unique column authors.email would hold 'b@x' twice (Author.email of "
                            + "objects 2 and 3 of this call).");
            assertThat(count(dataSource, "authors")).isZero();
        }

        @Test
        void whenAChildIsRefusedItsParentsInsertedEarlierInTheCallAreRolledBack(Fixtures fixtures,
                DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.createList(Article.class, 3, a -> a.setTitle("x".repeat(30))))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("Fixtures could not create Article for " + BadInputTestCase.class.getName()
                            + ": the database refused the insert: ")
                    .hasMessageEndingWith("Nothing of this call was inserted.");
            assertThat(count(dataSource, "authors")).isZero();    // the three authors made for them are gone too
            assertThat(count(dataSource, "articles")).isZero();
        }

        @Test
        void aFailedCallGivesTheObjectsItChangedTheirValuesBack(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            fixtures.create(Author.class, Map.of("email", "ann@example.com"));
            Author built = fixtures.build(Author.class, Map.of("email", "ann@example.com"));
            assertThatThrownBy(() -> fixtures.create(Article.class, a -> a.setAuthor(built)))
                    .isInstanceOf(DbTestException.class);
            assertThat(built.getId()).isNull();                  // no id of the rolled-back insert left behind
            assertThat(built.getVersion()).isNull();
            built.setEmail("bea@example.com");
            Article article = fixtures.create(Article.class, a -> a.setAuthor(built));   // a retry inserts it
            assertThat(built.getId()).isNotNull();
            assertThat(article.getAuthor()).isSameAs(built);
            assertThat(count(dataSource, "authors")).isEqualTo(2);
        }

        @Test
        void anEntityOutsideTheSchemaIsRefused(Fixtures fixtures) {
            assertThatThrownBy(() -> fixtures.create(Measurement.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("dev.dbtest.junit.blog.Measurement is not an entity of the schema of "
                            + BadInputTestCase.class.getName() + ", so fixtures cannot make it. The schema's entities: "
                            + "Author, Article, Label.\n  Fix: add it to @DatabaseTest(entities = ...) (or its "
                            + "package to entityPackages).");
        }

        @Test
        void anUnknownTraitIsNamedWithTheFactorysTraits(Fixtures fixtures) {
            assertThatThrownBy(() -> fixtures.create(Author.class, "admn"))
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("The factory AuthorFactory has no trait 'admn'. Its traits, nearest first: admin, "
                            + "inactive.\n  Fix: use one of them, or add a public method admn(Draft<Author>) to "
                            + "AuthorFactory.");
            assertThatThrownBy(() -> fixtures.create(Label.class, "short"))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("There is no trait 'short' for Label: no factory for Label is registered");
        }

        @Test
        void anIdTheDatabaseGeneratesCannotBeGiven(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThatThrownBy(() -> fixtures.create(Author.class, Map.of("id", 7L)))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("The id 7 was given for Author.id, but the database generates it");
            assertThat(count(dataSource, "authors")).isZero();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RollbackTestCase {

        Author madeBefore;

        @BeforeEach
        void setUp(Fixtures fixtures) {
            madeBefore = fixtures.create(Author.class);
        }

        @Test
        @Order(1)
        void rowsOfBeforeEachAndTheTestAreThere(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThat(madeBefore.getEmail()).isEqualTo("author-1@example.com");
            assertThat(fixtures.create(Author.class).getEmail()).isEqualTo("author-2@example.com");
            fixtures.createList(Article.class, 5);
            assertThat(count(dataSource, "authors")).isEqualTo(7);
        }

        @Test
        @Order(2)
        void theNextTestSeesOnlyItsOwnRowsAndTheSameValues(DataSource dataSource, Fixtures fixtures)
                throws SQLException {
            assertThat(count(dataSource, "authors")).isEqualTo(1);
            assertThat(count(dataSource, "articles")).isZero();
            assertThat(madeBefore.getEmail()).isEqualTo("author-1@example.com");
            assertThat(fixtures.create(Author.class).getEmail()).isEqualTo("author-2@example.com");
        }

        @Test
        @Order(3)
        void codeThatRollsBackDoesNotUndoFixtures(Fixtures fixtures, DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                fixtures.create(Author.class);
                connection.rollback();
            }
            assertThat(count(dataSource, "authors")).isEqualTo(2);
        }

        @AfterEach
        void tearDown(Fixtures fixtures, DataSource dataSource) throws SQLException {
            assertThat(fixtures.create(Label.class).getId()).isNotNull();   // fixtures work in @AfterEach too
            assertThat(count(dataSource, "labels")).isEqualTo(1);
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class, Stamp.class})
    static class ConcurrentTestCase {

        static final Set<String> firstEmails = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Test
        void one(Fixtures fixtures) {
            checkTagged(fixtures);
        }

        @Test
        void two(Fixtures fixtures) {
            checkTagged(fixtures);
        }

        private static void checkTagged(Fixtures fixtures) {
            List<Author> authors = fixtures.createList(Author.class, 2);
            assertThat(authors.get(0).getEmail()).matches("author-1-[0-9a-z]+@example\\.com");
            assertThat(authors.get(1).getEmail()).matches("author-2-[0-9a-z]+@example\\.com");
            firstEmails.add(authors.get(0).getEmail());
            // A unique column too short for the tag keeps the number and as much of the tag as fits.
            assertThat(fixtures.createList(Stamp.class, 12)).extracting(Stamp::getCode)
                    .allSatisfy(code -> assertThat(code).hasSizeLessThanOrEqualTo(5).matches("[0-9]+-[0-9a-z]+"))
                    .doesNotHaveDuplicates();
        }
    }

    @DatabaseTest(scripts = "classpath:labels.sql")
    static class ScriptSchemaTestCase {

        @Test
        void anEntityWhoseTableAScriptMadeIsCreated(Fixtures fixtures, DataSource dataSource) throws SQLException {
            List<Label> labels = fixtures.createList(Label.class, 2);
            assertThat(labels).extracting(Label::getName).containsExactly("name-1", "name-2");
            assertThat(count(dataSource, "labels")).isEqualTo(2);
        }

        @Test
        void anEntityWithoutItsTableIsNamedWithTheCause(Fixtures fixtures) {
            assertThatThrownBy(() -> fixtures.create(Author.class))
                    .isInstanceOf(DbTestException.class)
                    .hasMessageStartingWith("Fixtures could not create Author for " + ScriptSchemaTestCase.class.getName()
                            + ": the database refused the table of Author (it is not in the test's schema: does a script "
                            + "or migration create authors?)");
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class}, naming = "snake_case")
    static class SnakeCaseTestCase {

        @Test
        void rowsAreWrittenUnderTheSnakeCaseNames(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Article article = fixtures.of(Article.class).with("labels", 1).create();
            assertThat(strings(dataSource, "SELECT created_at FROM authors WHERE id = ?", article.getAuthor().getId()))
                    .hasSize(1);
            assertThat(count(dataSource, "article_labels")).isEqualTo(1);
        }
    }

    @DatabaseTest(entities = Author.class)
    static class FixturesInBeforeAllTestCase {

        @org.junit.jupiter.api.BeforeAll
        static void setUp(Fixtures fixtures) {
        }

        @Test
        void test() {
        }
    }

    @DatabaseTest(entities = {Author.class, Label.class}, factories = ArticleFactory.class)
    static class FactoryOutsideSchemaTestCase {

        @Test
        void test(Fixtures fixtures) {
        }
    }
}
