package dev.dbtest.examples.forks;

import dev.dbtest.junit.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the two fork classes do, each in its own Surefire fork (run by {@code mvn -Pforks}): commit a user with the same
 * unique email, wait until the other fork has committed too, and check that each sees only its own row. Two forks in
 * one database could not both commit the row (a unique violation), and would see each other's.
 */
final class ForkRendezvous {

    // One directory per Maven run: the profile passes the build's timestamp to both forks.
    private static final Path DIR = Path.of("target", "dbtest-forks",
            System.getProperty("forks.run", "unknown").replaceAll("[^0-9A-Za-z]", ""));

    private ForkRendezvous() {
    }

    static void commitAndCheck(String me, String other, DataSource dataSource, TestDatabase database)
            throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users (name, email) VALUES (?, 'fork@example.com')")) {
            insert.setString(1, me + " in JVM " + pid);
            insert.executeUpdate(); // auto-commit: a real commit, in a non-transactional test
        }
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve(me + ".committed"), pid + " " + database.schemaName());
        String[] theirs = await(other + ".committed").split(" ");
        assertThat(theirs[0]).as("the other fork class ran in another JVM").isNotEqualTo(pid);
        assertThat(theirs[1]).as("the other fork's database").isNotEqualTo(database.schemaName());
        assertThat(names(dataSource)).containsExactly(me + " in JVM " + pid);
        Files.writeString(DIR.resolve(me + ".checked"), pid);
        await(other + ".checked"); // the other's row stays committed until both have looked
    }

    private static String await(String file) throws IOException, InterruptedException {
        Path path = DIR.resolve(file);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(path)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the other fork class did not reach " + file + " within 120 s: run both "
                        + "with forkCount=2 (mvn -Pforks), they wait for each other");
            }
            Thread.sleep(50);
        }
        return Files.readString(path);
    }

    private static List<String> names(DataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM users ORDER BY id")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
