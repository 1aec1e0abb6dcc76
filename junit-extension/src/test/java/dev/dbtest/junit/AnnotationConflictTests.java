package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.SQLException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Annotations that contradict each other. Refused: one class with two {@code @DatabaseTest}s that differ (directly and
 * through a composed annotation), and a {@code @Nested} class with a schema of its own under a class whose
 * {@code @BeforeAll} wrote rows for it. Not refused, because they are useful: entities with scripts and migrations
 * (they compose), the same {@code @DatabaseTest} twice, and a {@code @Nested} class that extends its enclosing
 * class's schema ({@code CompositionTests}).
 */
class AnnotationConflictTests {

    @Test
    void aClassWithTwoDatabaseTestsThatDifferIsRefusedNamingBoth() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, TwiceTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage(TwiceTestCase.class.getName() + " carries @DatabaseTest twice, with attributes that "
                        + "differ: @DatabaseTest(scripts = \"schema.sql\") (directly) and @DatabaseTest(scripts = "
                        + "{\"schema.sql\", \"extra.sql\"}, naming = \"snake_case\") (through @WithTags). One class has "
                        + "one schema, and dbtest cannot tell which of them was meant.\n"
                        + "  Fix: keep one; to add to a composed annotation's schema, write a composed annotation with "
                        + "all of it, or put the extra classes and scripts into one @DatabaseTest.");
    }

    @Test
    void theSameDatabaseTestTwiceIsNoConflict() {
        Kit.assertAllPassed(Kit.run(TestedDatabase.H2, SameTwiceTestCase.class), 1);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aNestedClassWithAnotherSchemaUnderClassRowsIsRefusedWhileTheEnclosingClassRuns(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, ClassRowsTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("The @Nested class " + ClassRowsTestCase.OtherSchema.class.getName()
                        + " has a @DatabaseTest of its own with another schema than its enclosing class "
                        + ClassRowsTestCase.class.getName() + ", whose @BeforeAll wrote rows for its tests and @Nested "
                        + "classes: these tests would run on the database dbtest_")
                .hasMessageContaining("  Fix: give " + ClassRowsTestCase.OtherSchema.class.getName() + " the schema of "
                        + ClassRowsTestCase.class.getName() + " (remove its @DatabaseTest, or give it the same "
                        + "attributes); or make it a top-level class; or write the rows it needs in a @BeforeEach.");
        // The enclosing class's own test and its nested class with the same schema run as usual.
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @DatabaseTest(scripts = {"schema.sql", "extra.sql"}, naming = "snake_case")
    @interface WithTags {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @DatabaseTest(scripts = "schema.sql")
    @interface WithItems {
    }

    @DatabaseTest(scripts = "schema.sql")
    @WithTags
    static class TwiceTestCase {
        @Test
        void runs(DataSource dataSource) {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @WithItems
    static class SameTwiceTestCase {
        @Test
        void runs(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "one");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class ClassRowsTestCase {

        @BeforeAll
        void rowsForTheClass(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "for the class");
        }

        @Test
        void outer(DataSource dataSource) throws SQLException {
            assertThat(Rows.itemNames(dataSource)).containsExactly("for the class");
        }

        @Nested
        class SameSchema {
            @Test
            void seesTheClassRows(DataSource dataSource) throws SQLException {
                assertThat(Rows.itemNames(dataSource)).containsExactly("for the class");
            }
        }

        @Nested
        @DatabaseTest(scripts = {"schema.sql", "extra.sql"})
        class OtherSchema {
            @Test
            void wouldNotSeeThem(DataSource dataSource) throws SQLException {
                assertThat(Rows.itemNames(dataSource)).containsExactly("for the class");
            }
        }
    }
}
