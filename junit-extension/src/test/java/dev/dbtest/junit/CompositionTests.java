package dev.dbtest.junit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

import static dev.dbtest.junit.Rows.insertItem;
import static dev.dbtest.junit.Rows.itemNames;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code @DatabaseTest} as a meta-annotation, inherited, on {@code @Nested} classes, parameterized and repeated tests. */
class CompositionTests {

    private static final Map<String, String> BY_NAME =
            Map.of("junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$MethodName");

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void worksAsAMetaAnnotationAndIsInherited(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, BY_NAME, MetaAnnotatedTestCase.class, InheritingTestCase.class), 4);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void nestedClassesRunInsideTheOuterTransactionRules(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, BY_NAME, NestedTestCase.class), 5);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void nestedClassesSeeTheOuterClassRowsFromBeforeAll(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, BY_NAME, NestedUnderBeforeAllTestCase.class), 3);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void eachInvocationOfAParameterizedOrRepeatedTestHasItsOwnTransaction(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, InvocationsTestCase.class), 6);
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @DatabaseTest(scripts = "schema.sql")
    @interface RepositoryTest {
    }

    @RepositoryTest
    static class MetaAnnotatedTestCase {

        @Test
        void a(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from a");
            assertThat(itemNames(dataSource)).containsExactly("from a");
        }

        @Test
        void b(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from b");
            assertThat(itemNames(dataSource)).containsExactly("from b");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    abstract static class BaseTestCase {

        @Test
        void a(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from a");
            assertThat(itemNames(dataSource)).containsExactly("from a");
        }
    }

    static class InheritingTestCase extends BaseTestCase {

        @Test
        void b(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from b");
            assertThat(itemNames(dataSource)).containsExactly("from b");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class NestedTestCase {

        @BeforeEach
        void outerRow(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "outer");
        }

        @Test
        void outerTest(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).containsExactly("outer");
        }

        @Nested
        @TestMethodOrder(MethodOrderer.MethodName.class)
        class Inner {

            @BeforeEach
            void innerRow(DataSource dataSource) throws SQLException {
                insertItem(dataSource, 2, "inner");
            }

            @Test
            void a_writes(DataSource dataSource) throws SQLException {
                insertItem(dataSource, 3, "from a");
                assertThat(itemNames(dataSource)).containsExactly("outer", "inner", "from a");
            }

            @Test
            void b_seesOnlyTheBeforeEachRows(DataSource dataSource) throws SQLException {
                assertThat(itemNames(dataSource)).containsExactly("outer", "inner");
            }

            @Nested
            class Deeper {

                @Test
                void seesEveryLevelsBeforeEachRows(DataSource dataSource) throws SQLException {
                    assertThat(itemNames(dataSource)).containsExactly("outer", "inner");
                }
            }
        }

        @Nested
        @DatabaseTest(scripts = {"schema.sql", "extra.sql"})
        class WithItsOwnSchema {

            @Test
            void runsOnTheDatabaseOfItsOwnScripts(DataSource dataSource, TestDatabase database) throws SQLException {
                assertThat(itemNames(dataSource)).containsExactly("outer");
                assertThat(Rows.queryString(dataSource.getConnection(), "SELECT COUNT(*) FROM tags")).isEqualTo("0");
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class NestedUnderBeforeAllTestCase {

        @BeforeAll
        void rowsForTheClass(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "for the class");
        }

        @Test
        void outerTest(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 2, "outer test");
            assertThat(itemNames(dataSource)).containsExactly("for the class", "outer test");
        }

        @Nested
        @TestMethodOrder(MethodOrderer.MethodName.class)
        class Inner {

            @Test
            void a_writes(DataSource dataSource) throws SQLException {
                insertItem(dataSource, 2, "from a");
                assertThat(itemNames(dataSource)).containsExactly("for the class", "from a");
            }

            @Test
            void b_seesOnlyTheClassRows(DataSource dataSource) throws SQLException {
                assertThat(itemNames(dataSource)).containsExactly("for the class");
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class InvocationsTestCase {

        @ParameterizedTest
        @ValueSource(strings = {"ann", "bob", "cid"})
        void parameterized(String name, DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, name);
            assertThat(itemNames(dataSource)).containsExactly(name);
        }

        @RepeatedTest(3)
        void repeated(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "same row every time");
            assertThat(itemNames(dataSource)).containsExactly("same row every time");
        }
    }
}
