package dev.dbtest.junit.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up reaches into Testcontainers' shaded docker-java by name: when an upgrade renames it, the warm-up would
 * silently do less, so this test says so instead. Needs no Docker: it only maps empty answers.
 */
class DockerWarmUpTests {

    @Test
    void everyStepWorksWithTheTestcontainersOnTheClassPath() {
        assertThat(DockerWarmUp.run(() -> false))
                .as("the steps that worked; a missing one means %s moved (update DockerWarmUp)",
                        DockerWarmUp.CLIENT_CONFIG)
                .containsExactly("mapper", "tls", "answers", "host-config");
    }

    @Test
    void aCancelledWarmUpStopsBeforeItsNextStep() {
        assertThat(DockerWarmUp.run(() -> true)).containsExactly("mapper");
    }
}
