package dev.dbtest.assertions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exact number of statements of each type a {@code @DatabaseTest} test's body executes, checked after the body
 * (statements of {@code @BeforeEach} and {@code @AfterEach} methods are not counted); a type left at {@code -1} is not
 * checked. On a class it applies to every test that does not carry its own. A mismatch fails the test the way
 * {@link QueryLogAssert#hasSelectCount} does.
 *
 * <pre>{@code
 * @Test
 * @ExpectQueries(select = 1, insert = 0)
 * void listsPostsWithTheirAuthorsInOneQuery(DataSource dataSource) { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ExpectQueries {

    /** @return the SELECTs expected, or -1 */
    int select() default -1;

    /** @return the INSERTs expected, or -1 */
    int insert() default -1;

    /** @return the UPDATEs expected, or -1 */
    int update() default -1;

    /** @return the DELETEs expected, or -1 */
    int delete() default -1;

    /** @return the statements of any type expected, or -1 */
    int total() default -1;
}
