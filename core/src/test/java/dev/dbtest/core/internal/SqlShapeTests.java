package dev.dbtest.core.internal;

import dev.dbtest.core.StatementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.dbtest.core.StatementType.DDL;
import static dev.dbtest.core.StatementType.DELETE;
import static dev.dbtest.core.StatementType.INSERT;
import static dev.dbtest.core.StatementType.OTHER;
import static dev.dbtest.core.StatementType.SELECT;
import static dev.dbtest.core.StatementType.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** How statement capture tells what a statement does, and which statements it counts as the same. */
class SqlShapeTests {

    static Stream<Arguments> statements() {
        return Stream.of(
                arguments("SELECT 1", SELECT),
                arguments("select * from users", SELECT),
                arguments("  \n\tSeLeCt id FROM users", SELECT),
                arguments("-- the active ones\nSELECT * FROM users WHERE active", SELECT),
                arguments("/* a /* nested */ comment */ select 1", SELECT),
                arguments("/* hibernate: load User */ select u1_0.id from users u1_0 where u1_0.id=?", SELECT),
                arguments("(SELECT id FROM a) UNION (SELECT id FROM b)", SELECT),
                arguments("((select 1))", SELECT),
                arguments("SELECT * FROM jobs WHERE id = ? FOR UPDATE SKIP LOCKED", SELECT),
                arguments("SELECT 'DELETE FROM users' AS text", SELECT),
                arguments("VALUES (1, 'a'), (2, 'b')", SELECT),
                arguments("TABLE users", SELECT),
                arguments("WITH recent AS (SELECT * FROM posts WHERE created > now() - interval '1 day') "
                        + "SELECT count(*) FROM recent", SELECT),
                arguments("WITH RECURSIVE tree(id, parent) AS (SELECT id, parent FROM nodes WHERE parent IS NULL "
                        + "UNION ALL SELECT n.id, n.parent FROM nodes n JOIN tree t ON n.parent = t.id) "
                        + "SELECT * FROM tree", SELECT),
                arguments("with a as (delete from logs returning *) select count(*) from a", SELECT),
                arguments("WITH moved AS (DELETE FROM inbox WHERE read RETURNING *) INSERT INTO archive "
                        + "SELECT * FROM moved", INSERT),
                arguments("WITH stale AS (SELECT id FROM sessions WHERE expires < now()) DELETE FROM sessions "
                        + "WHERE id IN (SELECT id FROM stale)", DELETE),
                arguments("WITH totals AS MATERIALIZED (SELECT user_id, sum(amount) s FROM orders GROUP BY 1) "
                        + "UPDATE users SET total = totals.s FROM totals WHERE users.id = totals.user_id", UPDATE),
                arguments("INSERT INTO users (name) VALUES ('Ann')", INSERT),
                arguments("insert into users (name) values (?) returning id", INSERT),
                arguments("INSERT INTO users SELECT * FROM staging", INSERT),
                arguments("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = excluded.a", INSERT),
                arguments("UPDATE users SET name = 'SELECT' WHERE id = 1", UPDATE),
                arguments("update users set active = false where id in (select id from banned)", UPDATE),
                arguments("MERGE INTO stock s USING delivery d ON s.item = d.item "
                        + "WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty WHEN NOT MATCHED THEN INSERT VALUES "
                        + "(d.item, d.qty)", UPDATE),
                arguments("merge into users key (id) values (1, 'Ann')", UPDATE),
                arguments("DELETE FROM users WHERE id = ?", DELETE),
                arguments("delete from users", DELETE),
                arguments("COPY users FROM STDIN WITH (FORMAT csv)", INSERT),
                arguments("COPY users (id, name) FROM '/tmp/users.csv'", INSERT),
                arguments("COPY users TO STDOUT", SELECT),
                arguments("COPY (SELECT * FROM users WHERE active) TO STDOUT WITH CSV", SELECT),
                arguments("CREATE TABLE t (id int)", DDL),
                arguments("create index ix on t (id)", DDL),
                arguments("ALTER TABLE t ADD COLUMN name text", DDL),
                arguments("DROP TABLE IF EXISTS t", DDL),
                arguments("TRUNCATE users", DDL),
                arguments("COMMENT ON TABLE users IS 'people'", DDL),
                arguments("GRANT SELECT ON users TO reader", DDL),
                arguments("REVOKE ALL ON users FROM reader", DDL),
                arguments("CALL refresh_totals(?)", OTHER),
                arguments("{call refresh_totals(?)}", OTHER),
                arguments("SET search_path TO app", OTHER),
                arguments("SHOW search_path", OTHER),
                arguments("EXPLAIN SELECT * FROM users", OTHER),
                arguments("SAVEPOINT before_import", OTHER),
                arguments("LOCK TABLE users IN SHARE MODE", OTHER),
                arguments("", OTHER),
                arguments("-- only a comment", OTHER));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("statements")
    void classifiesWhatAStatementDoes(String sql, StatementType expected) {
        assertThat(SqlShape.classify(sql)).isEqualTo(expected);
    }

    @Test
    void normalizingReplacesLiteralsAndParametersAndCollapsesWhitespace() {
        assertThat(SqlShape.normalize("SELECT *\n  FROM users   WHERE id = 42 AND name = 'Ann'"))
                .isEqualTo("SELECT * FROM users WHERE id = ? AND name = ?");
        assertThat(SqlShape.normalize("select * from users where id = ?"))
                .isEqualTo(SqlShape.normalize("select * from users where id = 7"));
        assertThat(SqlShape.normalize("select * from t where a = $1 and b = E'it\\'s' and c = $$x$$"))
                .isEqualTo("select * from t where a = ? and b = ? and c = ?");
        assertThat(SqlShape.normalize("-- comment\nselect /* hint */ 1.5e3, -2")).isEqualTo("select ?, -?");
    }

    @Test
    void aLiteralIsOneMarkerWhateverItHolds() {
        assertThat(SqlShape.normalize("select * from users where name = 'O''Brien'"))
                .isEqualTo(SqlShape.normalize("select * from users where name = 'Smith'"))
                .isEqualTo("select * from users where name = ?");
        assertThat(SqlShape.normalize("select * from t where d = DATE'2020-01-01' and type'x' = 1"))
                .isEqualTo("select * from t where d = DATE? and type? = ?");
        assertThat(SqlShape.normalize("select 1.5e-3, 2E+4 from t")).isEqualTo("select ?, ? from t");
    }

    @Test
    void identifiersWithDigitsAndQuotedNamesStayAsTheyAre() {
        assertThat(SqlShape.normalize("select u1_0.id from users u1_0 where u1_0.id=?"))
                .isEqualTo("select u1_0.id from users u1_0 where u1_0.id=?");
        assertThat(SqlShape.normalize("select \"Order 2\" from t2")).isEqualTo("select \"Order 2\" from t2");
    }

    @Test
    void listsOfValuesCollapseToOne() {
        assertThat(SqlShape.normalize("select * from posts where author_id in (1, 2, 3)"))
                .isEqualTo("select * from posts where author_id in (?)");
        assertThat(SqlShape.normalize("select * from posts where author_id in (?,?)"))
                .isEqualTo("select * from posts where author_id in (?)");
        assertThat(SqlShape.normalize("insert into t (a, b) values (1, 'x'), (2, 'y')"))
                .isEqualTo("insert into t (a, b) values (?)");
        assertThat(SqlShape.normalize("insert into t (a, b) values (?, ?)"))
                .isEqualTo("insert into t (a, b) values (?)");
    }

    @Test
    void rememberedShapesStayRightPastTheLimitAndForStatementsTooLongToRemember() {
        for (int round = 0; round < 2; round++) { // the second round reads what the first remembered, or remade
            for (int i = 0; i < SqlShape.REMEMBERED + 100; i++) {
                assertThat(SqlShape.normalize("select c" + i + " from t where id = " + i)).isEqualTo(
                        "select c" + i + " from t where id = ?");
            }
        }
        String columns = "x, ".repeat(SqlShape.REMEMBERED_LENGTH / 3);
        assertThat(SqlShape.normalize("select " + columns + "y from t where id = 'a'"))
                .isEqualTo("select " + columns + "y from t where id = ?");
    }
}
