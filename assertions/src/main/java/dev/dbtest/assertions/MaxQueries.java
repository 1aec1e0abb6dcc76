package dev.dbtest.assertions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most statements of each type a {@code @DatabaseTest} test's body may execute, checked after the body; a type
 * left at {@code -1} is not limited. On a class it applies to every test that does not carry its own.
 *
 * <pre>{@code
 * @MaxQueries(select = 2, total = 5)
 * class PostPageTests { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface MaxQueries {

    /** @return the most SELECTs allowed, or -1 */
    int select() default -1;

    /** @return the most INSERTs allowed, or -1 */
    int insert() default -1;

    /** @return the most UPDATEs allowed, or -1 */
    int update() default -1;

    /** @return the most DELETEs allowed, or -1 */
    int delete() default -1;

    /** @return the most statements of any type allowed, or -1 */
    int total() default -1;
}
