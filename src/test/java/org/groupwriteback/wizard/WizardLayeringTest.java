package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** architecture.md's layering for the wizard: {@code wizard} uses engine and JavaFX only; {@code app} no CLI/demo. */
class WizardLayeringTest {

    private static List<String> importsOf(String pkgDir, List<String> forbidden) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/groupwriteback", pkgDir))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import ") && forbidden.stream().anyMatch(line::contains)) {
                        offenders.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        return offenders;
    }

    @Test
    void wizardPagesDoNotReachIntoTheApplicationCliOrDemo() throws IOException {
        assertThat(importsOf("wizard", List.of("org.groupwriteback.app", "org.groupwriteback.cli",
                "org.groupwriteback.demo"))).isEmpty();
    }

    @Test
    void theApplicationShellDoesNotDependOnCliOrDemo() throws IOException {
        assertThat(importsOf("app", List.of("org.groupwriteback.cli", "org.groupwriteback.demo"))).isEmpty();
    }
}
