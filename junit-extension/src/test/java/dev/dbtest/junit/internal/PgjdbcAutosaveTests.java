package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements {@link PgjdbcAutosave} counts as surely saved by the driver: counting one the driver sent no
 * savepoint for would make a later release reach below the newest savepoint that is not a statement's.
 */
class PgjdbcAutosaveTests {

    @Test
    void plainQueriesAndDmlAreCounted() {
        assertThat(PgjdbcAutosave.surelySaved("SELECT 1")).isTrue();
        assertThat(PgjdbcAutosave.surelySaved("insert into items values (?, ?)")).isTrue();
        assertThat(PgjdbcAutosave.surelySaved("UPDATE items SET name = ?")).isTrue();
        assertThat(PgjdbcAutosave.surelySaved("DELETE FROM items")).isTrue();
        assertThat(PgjdbcAutosave.surelySaved("WITH x AS (SELECT 1) SELECT * FROM x")).isTrue();
        assertThat(PgjdbcAutosave.surelySaved("SELECT")).isTrue();
        assertThat(PgjdbcAutosave.surelySaved("select(1)")).isTrue();
    }

    @Test
    void whatTheDriverMaySendNoSavepointForIsNot() {
        assertThat(PgjdbcAutosave.surelySaved(null)).isFalse(); // a description of a prepared statement
        assertThat(PgjdbcAutosave.surelySaved("SAVEPOINT a")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("RELEASE SAVEPOINT a")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("ROLLBACK TO SAVEPOINT a")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("COMMIT")).isFalse();
        // not at the first character, where the driver looks: counted only when surely the same to it
        assertThat(PgjdbcAutosave.surelySaved(" SELECT 1")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("/* c */ SELECT 1")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("SELECTED")).isFalse();
        assertThat(PgjdbcAutosave.surelySaved("select_all()")).isFalse();
    }
}
