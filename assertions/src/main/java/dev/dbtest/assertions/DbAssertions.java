package dev.dbtest.assertions;

/**
 * The entry point of dbtest's assertions, in AssertJ style.
 *
 * <pre>{@code
 * import static dev.dbtest.assertions.DbAssertions.assertThat;
 *
 * assertThat(queries).hasSelectCount(2).hasNoRepeatedSelects();
 * }</pre>
 *
 * @since 0.1
 */
public final class DbAssertions {

    private DbAssertions() {
    }

    /** Starts assertions on the statements of {@code queries}. */
    public static QueryLogAssert assertThat(QueryLog queries) {
        return new QueryLogAssert(queries);
    }
}
