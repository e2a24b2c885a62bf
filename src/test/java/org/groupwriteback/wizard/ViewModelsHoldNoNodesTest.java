package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** View models (and the shared wizard model) must stay free of JavaFX nodes so they are testable without FX. */
class ViewModelsHoldNoNodesTest {

    @Test
    void noViewModelFieldOrMethodUsesASceneGraphType() throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path root = Path.of(PageFlow.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path wizard = root.resolve("org/groupwriteback/wizard");
        List<Class<?>> models = new ArrayList<>();
        try (Stream<Path> files = Files.walk(wizard)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                boolean viewModel = name.endsWith("ViewModel") || name.endsWith("WizardState")
                        || name.endsWith("PageFlow") || name.endsWith("OuTree") || name.endsWith("OuNode");
                if (viewModel) {
                    models.add(Class.forName(name));
                }
            }
        }
        assertThat(models).hasSizeGreaterThanOrEqualTo(14);
        List<String> offenders = new ArrayList<>();
        for (Class<?> c : models) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType().getName().startsWith("javafx.scene")) {
                    offenders.add(c.getSimpleName() + "." + f.getName());
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getReturnType().getName().startsWith("javafx.scene")) {
                    offenders.add(c.getSimpleName() + "." + m.getName() + "()");
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
