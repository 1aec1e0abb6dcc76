package dev.dbtest.core.internal;

import dev.dbtest.core.CapturedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tables captured statements wrote, for emptying after a non-transactional test. */
class WrittenTablesTests {

    private static CapturedStatement statement(String sql) {
        return statement(sql, 0, List.of());
    }

    private static CapturedStatement statement(String sql, int batch, List<Object> parameters) {
        return new CapturedStatement(sql, parameters, batch, SqlShape.classify(sql), Duration.ZERO, "main", true,
                "caller", false);
    }

    private static List<String> tables(String... sql) {
        WrittenTables.Result result = WrittenTables.of(java.util.Arrays.stream(sql).map(WrittenTablesTests::statement)
                .toList());
        assertThat(result.unattributed()).as("unattributed").isEmpty();
        return result.tables().stream().map(WrittenTables.Name::toString).toList();
    }

    @Test
    void readsTheTargetsOfEveryKindOfWrite() {
        assertThat(tables("INSERT INTO customers (name) VALUES ('a') RETURNING id",
                "update \"Orders\" set total = 1 where id = ?",
                "DELETE FROM sales.order_lines USING orders WHERE order_lines.order_id = orders.id",
                "MERGE INTO seats s USING (VALUES (1)) v(id) ON s.id = v.id WHEN MATCHED THEN UPDATE SET taken_by = 'x' "
                        + "WHEN NOT MATCHED THEN INSERT (id) VALUES (v.id)",
                "COPY notes (id, body) FROM STDIN",
                "TRUNCATE TABLE ONLY a, b * RESTART IDENTITY"))
                .containsExactly("customers", "Orders", "sales.order_lines", "seats", "notes", "a", "b");
    }

    @Test
    void readsWritesInCommonTableExpressionsAndSkipsLocksAndKeyActions() {
        assertThat(tables("WITH gone AS (DELETE FROM carts WHERE id = 1 RETURNING *) INSERT INTO archive SELECT * "
                        + "FROM gone",
                "INSERT INTO items (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET name = 'x'",
                "SELECT * FROM seats WHERE id = 1 FOR UPDATE",
                "SELECT * FROM seats FOR NO KEY UPDATE",
                "WITH x AS (SELECT 1) SELECT * FROM x",
                "COPY (SELECT * FROM notes) TO STDOUT",
                "COPY notes TO STDOUT",
                "SELECT 'INSERT INTO trap VALUES (1)' -- DELETE FROM trap",
                "SET LOCK_TIMEOUT 1000; COMMIT; SAVEPOINT a"))
                .containsExactly("carts", "archive", "items");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CALL refresh_totals()", "CREATE TABLE scratch (id INT)", "DO $$ BEGIN END $$",
            "EXPLAIN ANALYZE DELETE FROM items", "INSERT items VALUES (1)",
            "ResultSet.updateRow() on the rows of: SELECT * FROM items"})
    void whatMayWriteTablesItDoesNotNameIsUnattributed(String sql) {
        assertThat(WrittenTables.of(List.of(statement(sql))).unattributed()).hasSize(1);
    }

    @Test
    void aBatchOfPlainStatementsIsUnattributedAndAPreparedBatchIsNot() {
        assertThat(WrittenTables.of(List.of(statement("INSERT INTO a VALUES (1)", 2, List.of()))).unattributed())
                .singleElement().asString().endsWith("(a batch of 2 statements)");
        WrittenTables.Result prepared = WrittenTables.of(List.of(statement("INSERT INTO a VALUES (?)", 2, List.of(1))));
        assertThat(prepared.unattributed()).isEmpty();
        assertThat(prepared.tables()).containsExactly(new WrittenTables.Name(null, "a"));
    }
}
