package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @DatabaseTest(entities = ...)}: the schema comes from the application's entity classes (issue 3, first part). */
class EntitySchemaTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void createsTheTablesOfTheEntitiesAndRollsBackEachTest(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, EntitiesTestCase.class), 3);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aMappingNotCoveredYetFailsTheClassWithTheFix(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, UncoveredMappingTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("A Map on Shelf.books is not yet supported by dbtest's schema from entities. Create "
                        + "that part of the schema with a script: @DatabaseTest(entities = {...}, scripts = "
                        + "\"classpath:extra.sql\").");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void snakeCaseNamingGivesTheNamesSpringBootWould(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, SnakeCaseTestCase.class), 1);
    }

    @Test
    void anUnknownNamingIsRefusedWithTheChoices() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, java.util.Map.of("dbtest.naming", "kebab"),
                SnakeCaseTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest.naming has the value 'kebab', which dbtest does not know. Use 'jpa' (names as "
                        + "written, JPA's default) or 'snake_case' (what Spring Boot applies).");
    }

    @Entity(name = "BookReview")
    static class BookReview {
        @Id
        Long id;
        String reviewerName;
    }

    @DatabaseTest(entities = BookReview.class, naming = "snake_case")
    static class SnakeCaseTestCase {
        @Test
        void usesSnakeCaseNames(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO book_review (id, reviewer_name) VALUES (1, 'Ann')");
            }
            assertThat(Rows.queryString(connection, "SELECT reviewer_name FROM book_review")).isEqualTo("Ann");
        }
    }

    @Entity(name = "Author")
    static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, unique = true)
        String email;
    }

    @Entity(name = "Book")
    static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String title;
        @ManyToOne(optional = false)
        Author author;
    }

    @Entity(name = "Shelf")
    static class Shelf {
        @Id
        Long id;
        java.util.Map<String, Book> books;
    }

    @DatabaseTest(entities = {Book.class, Author.class}, scripts = "book-view.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class EntitiesTestCase {

        @Test
        void a_writesThroughTheTables(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO Author (email) VALUES ('ann@example.com')");
                statement.execute("INSERT INTO Book (title, author_id) SELECT 'Dune', id FROM Author");
                assertThat(Rows.queryString(connection, "SELECT COUNT(*) FROM book_titles")).isEqualTo("1");
            }
        }

        @Test
        void b_theConstraintsOfTheMappingHold(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute("INSERT INTO Book (title, author_id) VALUES ('x', 42)"))
                        .as("foreign key").isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> statement.execute("INSERT INTO Book (title) VALUES ('no author')"))
                        .as("optional = false").isInstanceOf(SQLException.class);
            }
        }

        @Test
        void c_nothingIsLeft(DataSource dataSource) throws SQLException {
            assertThat(Rows.queryString(dataSource.getConnection(), "SELECT COUNT(*) FROM Author")).isEqualTo("0");
        }
    }

    @DatabaseTest(entities = {Shelf.class, Book.class, Author.class})
    static class UncoveredMappingTestCase {
        @Test
        void neverRuns() {
        }
    }
}
