package dev.dbtest.junit.internal;

import java.util.Optional;

/** Whether this machine can run PostgreSQL in Docker, as dbtest decides it, probed once per test JVM. */
public final class DockerAvailability {

    private static volatile String cachedReason;
    private static volatile boolean probed;

    private DockerAvailability() {
    }

    /** Returns {@code null} when Docker can be used, else why not. */
    public static synchronized String whyNot() {
        if (!probed) {
            cachedReason = DockerProbe.whyNotAvailable(setting(DbTestConfig.DOCKER_HOST).orElse(null));
            probed = true;
        }
        return cachedReason;
    }

    /** Whether {@code dbtest.require-docker} is {@code true} in this JVM's system properties or environment. */
    public static boolean required() {
        return setting(DbTestConfig.REQUIRE_DOCKER).map(Boolean::parseBoolean).orElse(false);
    }

    private static Optional<String> setting(String key) {
        return Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(DbTestConfig.environmentName(key))));
    }
}
