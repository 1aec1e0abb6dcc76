package dev.dbtest.core.internal.schema;

import dev.dbtest.core.DbTestException;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How logical names (as JPA derives them) become the names in the database: as written (JPA's and Hibernate's
 * default), or snake_case (what Spring Boot applies with {@code CamelCaseToUnderscoresNamingStrategy}).
 */
public enum Naming implements UnaryOperator<String> {

    /** Names as written: {@code createdAt} stays {@code createdAt}. */
    JPA {
        @Override
        public String apply(String name) {
            return name;
        }
    },

    /** {@code createdAt} becomes {@code created_at}, {@code BlogPost} becomes {@code blog_post}, as Spring Boot does. */
    SNAKE_CASE {
        @Override
        public String apply(String name) {
            StringBuilder result = new StringBuilder(name.replace('.', '_'));
            for (int i = 1; i < result.length() - 1; i++) {
                char before = result.charAt(i - 1);
                char current = result.charAt(i);
                char after = result.charAt(i + 1);
                if ((Character.isLowerCase(before) || Character.isDigit(before)) && Character.isUpperCase(current)
                        && (Character.isLowerCase(after) || Character.isDigit(after))) {
                    result.insert(i++, '_');
                }
            }
            return result.toString().toLowerCase(Locale.ROOT);
        }
    };

    /** Reads {@code jpa} or {@code snake_case} (any case), as {@code dbtest.naming} and the annotation give it. */
    public static Naming parse(String value, String where) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "jpa":
                return JPA;
            case "snake_case":
                return SNAKE_CASE;
            default:
                throw new DbTestException(where + " has the value '" + value + "', which dbtest does not know. Use "
                        + "'jpa' (names as written, JPA's default) or 'snake_case' (what Spring Boot applies).");
        }
    }
}
