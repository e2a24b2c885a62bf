package org.groupwriteback.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers apart (architecture.md): the engine never references JavaFX or the wizard, app, CLI or
 * demo packages. Scans the compiled classes' constant pools, where every referenced type appears by its
 * internal name, so an import, a fully qualified use or a lambda all count.
 */
class LayeringTest {
    private static final Path CLASSES = Paths.get("target", "classes");
    private static final List<String> FORBIDDEN_IN_ENGINE = List.of(
            "javafx/", "org/groupwriteback/wizard/", "org/groupwriteback/app/",
            "org/groupwriteback/cli/", "org/groupwriteback/demo/");

    @Test
    void engineReferencesNoUiCliOrDemoCode() throws IOException {
        List<String> violations = scan(CLASSES.resolve("org/groupwriteback/engine"), FORBIDDEN_IN_ENGINE);
        assertThat(violations).isEmpty();
    }

    @Test
    void demoNeverReferencesTheUi() throws IOException {
        Path demo = CLASSES.resolve("org/groupwriteback/demo");
        if (!Files.isDirectory(demo)) {
            return;
        }
        assertThat(scan(demo, List.of("javafx/", "org/groupwriteback/wizard/"))).isEmpty();
    }

    @Test
    void scannerDetectsAForbiddenReference() throws IOException {
        // The check above must be able to fail: this class itself references JUnit, so scanning the test
        // classes for "org/junit/" must find it.
        Path self = Paths.get("target", "test-classes", "org", "groupwriteback", "architecture");
        assertThat(scan(self, List.of("org/junit/"))).isNotEmpty();
    }

    static List<String> scan(Path root, List<String> forbidden) throws IOException {
        List<String> violations = new ArrayList<>();
        assertThat(root).as("compiled classes under %s", root).isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String bad : forbidden) {
                    if (text.contains(bad)) {
                        violations.add(root.relativize(f) + " references " + bad);
                    }
                }
            }
        }
        return violations;
    }
}
