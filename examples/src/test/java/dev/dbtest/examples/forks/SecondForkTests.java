package dev.dbtest.examples.forks;

import dev.dbtest.junit.DatabaseTest;
import dev.dbtest.junit.NonTransactional;
import dev.dbtest.junit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import javax.sql.DataSource;

// Teaches: Surefire forks on one server never see each other's rows: each JVM works in a database of its own.
// Runs only with mvn -Pforks (forkCount=2), where it meets FirstForkTests in the other fork.
@Execution(ExecutionMode.SAME_THREAD) // non-transactional tests never share their class with concurrent ones
@DatabaseTest(scripts = "classpath:schema.sql")
class SecondForkTests {

    @Test
    @NonTransactional
    void commitsARowTheOtherForkNeverSees(DataSource dataSource, TestDatabase database) throws Exception {
        ForkRendezvous.commitAndCheck("Second", "First", dataSource, database);
    }
}
