package dev.dbtest.core.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SqlTextTests {

    static Stream<Arguments> statements() {
        return Stream.of(
                arguments("CREATE TABLE t (id INT)", true),
                arguments("  -- a comment\n create index i on t (id)", true),
                arguments("/* block */ ALTER TABLE t ADD COLUMN x INT", true),
                arguments("drop table t", true),
                arguments("TRUNCATE t", true),
                arguments("CREATE LOCAL TEMPORARY TABLE t (id INT) TRANSACTIONAL", false),
                arguments("SELECT * FROM created_tables", false),
                arguments("INSERT INTO t VALUES (1)", false),
                arguments("(SELECT 1)", false),
                arguments("WITH x AS (SELECT 1) SELECT * FROM x", false));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void tellsWhatH2CommitsImplicitly(String sql, boolean commits) {
        assertThat(SqlText.commitsImplicitlyOnH2(sql)).as(sql).isEqualTo(commits);
    }
}
