package dev.dbtest.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

// Teaches nothing: it keeps the examples honest. They use dbtest's public API only, so no source file of this
// module may import a package named internal.
class PublicApiOnlyTests {

    @Test
    void noExampleImportsAnInternalPackage() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            offending = files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream()
                            .filter(line -> line.matches("\\s*import\\s+(static\\s+)?dev\\.dbtest\\..*\\.internal\\..*"))
                            .map(line -> file + ": " + line.strip());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(offending).as("imports of dbtest's internal packages in the examples").isEmpty();
    }
}
