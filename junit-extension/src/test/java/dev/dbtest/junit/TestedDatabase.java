package dev.dbtest.junit;

import dev.dbtest.junit.internal.DockerAvailability;
import org.junit.jupiter.api.Assumptions;

import java.util.Map;

/**
 * The databases dbtest's own tests run their test cases on. PostgreSQL runs in a container and needs Docker: without
 * it those runs are skipped, or fail when {@code dbtest.require-docker=true} (as in CI).
 */
enum TestedDatabase {

    H2(Map.of("dbtest.database", "h2")),
    POSTGRES(Map.of("dbtest.database", "postgres"));

    private final Map<String, String> parameters;

    TestedDatabase(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    /** Returns the configuration parameters that select this database, after checking it can run here. */
    Map<String, String> parameters() {
        if (this == POSTGRES) {
            String why = DockerAvailability.whyNot();
            if (why != null) {
                if (DockerAvailability.required()) {
                    throw new AssertionError("Docker is required (dbtest.require-docker=true) but cannot be used: " + why);
                }
                Assumptions.abort("PostgreSQL runs in Docker, and Docker cannot be used here: " + why
                        + " (set dbtest.require-docker=true to fail instead of skipping)");
            }
        }
        return parameters;
    }
}
