package dev.dbtest.core.internal;

import org.junit.jupiter.api.Test;
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

    static Stream<Arguments> transactionControl() {
        return Stream.of(
                arguments("COMMIT", true),
                arguments("  commit work", true),
                arguments("END", true),
                arguments("ROLLBACK", true),
                arguments("ROLLBACK TO SAVEPOINT s", false),
                arguments("rollback to s", false),
                arguments("BEGIN", true),
                arguments("START TRANSACTION ISOLATION LEVEL SERIALIZABLE", true),
                arguments("ABORT", true),
                arguments("PREPARE TRANSACTION 'x'", true),
                arguments("PREPARE plan AS SELECT 1", false),
                arguments("SET AUTOCOMMIT TRUE", true),
                arguments("SET search_path TO public", false),
                arguments("SAVEPOINT s", false),
                arguments("RELEASE SAVEPOINT s", false),
                arguments("SELECT 'COMMIT'", false),
                arguments("DO $$ BEGIN PERFORM 1; END $$", false));
    }

    @ParameterizedTest
    @MethodSource("transactionControl")
    void tellsTransactionControl(String sql, boolean controls) {
        assertThat(SqlText.statements(sql)).as(sql).noneMatch(statement -> !controls
                && SqlText.controlsTransaction(statement));
        assertThat(SqlText.statements(sql).stream().anyMatch(SqlText::controlsTransaction)).as(sql).isEqualTo(controls);
    }

    @Test
    void splitsStatementsOutsideQuotesCommentsAndDollarQuotes() {
        assertThat(SqlText.statements("INSERT INTO t VALUES ('a;b'); -- c;\n SELECT \"x;y\" FROM t;"
                + " /* ; */ DO $f$ BEGIN; END $f$; SELECT $1;;"))
                .containsExactly("INSERT INTO t VALUES ('a;b')", " -- c;\n SELECT \"x;y\" FROM t",
                        " /* ; */ DO $f$ BEGIN; END $f$", " SELECT $1");
    }

    @Test
    void masksPasswordsInMessages() {
        assertThat(SqlText.abbreviate("CREATE USER app PASSWORD 's3cret'")).isEqualTo("CREATE USER app PASSWORD '***'");
        assertThat(SqlText.abbreviate("ALTER USER app SET PASSWORD = \"x\"")).doesNotContain("\"x\"");
    }

    @Test
    void findsCommitAfterEscapedQuotesFunctionBodiesAndNestedComments() {
        assertThat(SqlText.statements("SELECT E'\\''; COMMIT")).anyMatch(SqlText::controlsTransaction);
        assertThat(SqlText.statements("INSERT INTO t VALUES (E'it\\'s; end')")).noneMatch(SqlText::controlsTransaction);
        assertThat(SqlText.statements("CREATE TABLE z (c TEXT DEFAULT 'BEGIN ATOMIC'); COMMIT"))
                .anyMatch(SqlText::controlsTransaction);
        String function = "CREATE FUNCTION f() RETURNS INT LANGUAGE SQL BEGIN\nATOMIC SELECT CASE WHEN true THEN 1 END; "
                + "SELECT 2; END";
        assertThat(SqlText.statements(function)).containsExactly(function);
        assertThat(SqlText.statements(function + "; COMMIT")).anyMatch(SqlText::controlsTransaction);
        assertThat(SqlText.statements("/* /* */ ; END */ SELECT 1")).noneMatch(SqlText::controlsTransaction);
    }

    @Test
    void tellsWhichH2SettingsCommit() {
        assertThat(SqlText.commitsImplicitlyOnH2("SET REFERENTIAL_INTEGRITY FALSE")).isTrue();
        assertThat(SqlText.commitsImplicitlyOnH2("SET MODE PostgreSQL")).isTrue();
        assertThat(SqlText.commitsImplicitlyOnH2("SET SCHEMA public")).isFalse();
        assertThat(SqlText.commitsImplicitlyOnH2("SET LOCK_TIMEOUT 2000")).isFalse();
        assertThat(SqlText.commitsImplicitlyOnH2("SET @x = 1")).isFalse();
    }
}
