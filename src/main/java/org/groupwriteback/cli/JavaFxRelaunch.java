package org.groupwriteback.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.groupwriteback.app.WizardLauncher;
import picocli.CommandLine;

/**
 * Starts JavaFX from the module path when {@code java -jar group-writeback.jar} (or any plain class path)
 * brought it in as class-path jars, which JavaFX does not support ("Unsupported JavaFX configuration: classes
 * were loaded from 'unnamed module'"): a command that opens a window runs in a second JVM with the same
 * options, the platform JavaFX jars on {@code --module-path} and {@code javafx.controls} added. The installed
 * launchers already put JavaFX on the module path, so they never relaunch; nor do commands without a window.
 */
final class JavaFxRelaunch {
    /** Set on the second JVM, which must never relaunch again. */
    static final String RELAUNCHED_PROPERTY = "gwb.javafx.relaunched";
    /**
     * What ControlsFX (on the class path) needs of JavaFX's modules: its TableFilter reads the table header
     * through a protected skin method, refused with InaccessibleObjectException unless the skin package is open.
     * The installed launchers (installer/{linux,windows}/gwb-launcher.properties, jpackage-common.txt) pass the same options.
     */
    static final List<String> CONTROLSFX_ACCESS = List.of(
            "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED",
            "--add-exports=javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED",
            "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED");
    private static final String MODULE = "javafx.graphics";
    private static final String PROBE = "javafx/application/Application.class";

    private JavaFxRelaunch() {
    }

    /**
     * The command line of the second JVM for {@code args}, or empty when this JVM runs them itself: JavaFX is
     * a named module already, the command opens no window, there is no display (the command says so), or the
     * JavaFX jars are not found as files.
     */
    static Optional<List<String>> commandFor(String[] args) {
        if (Boolean.getBoolean(RELAUNCHED_PROPERTY) || ModuleLayer.boot().findModule(MODULE).isPresent()
                || !opensWindow(args) || WizardLauncher.missingDisplay().isPresent()) {
            return Optional.empty();
        }
        Optional<List<Path>> jars = javaFxJars(ClassLoader.getSystemClassLoader().getResource(PROBE));
        if (jars.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("--module-path");
        command.add(jars.get().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add("--add-modules");
        command.add("javafx.controls");
        command.addAll(CONTROLSFX_ACCESS);
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** Runs {@code command} with this process's standard streams and returns its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stop = new Thread(child::destroy, "gwb-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // shutting down already: the hook ends the child
            }
        }
    }

    /** True when {@code args} select the wizard or the demo (no subcommand is the wizard); help opens nothing. */
    static boolean opensWindow(String[] args) {
        CommandLine.ParseResult parsed;
        try {
            parsed = Main.commandLine().parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return false; // the command reports the usage error itself
        }
        while (true) {
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                return false;
            }
            if (!parsed.hasSubcommand()) {
                break;
            }
            parsed = parsed.subcommand();
        }
        Object command = parsed.commandSpec().userObject();
        return command instanceof Main || command instanceof WizardCommand || command instanceof DemoCommand;
    }

    /**
     * The platform JavaFX jars next to the one {@code probe} (JavaFX's Application class) came from, e.g.
     * {@code javafx-base-21.0.5-linux.jar}, {@code javafx-controls-21.0.5-linux.jar}, ...: the same version and
     * classifier, not the empty platform-independent jars Maven also copies.
     */
    static Optional<List<Path>> javaFxJars(URL probe) {
        if (probe == null || !"jar".equals(probe.getProtocol())) {
            return Optional.empty();
        }
        String spec = probe.getPath();
        int bang = spec.indexOf("!/");
        Path graphics;
        try {
            graphics = Path.of(new URL(spec.substring(0, bang)).toURI());
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return Optional.empty();
        }
        String name = graphics.getFileName().toString(); // javafx-graphics-21.0.5-linux.jar
        String prefix = "javafx-graphics-";
        if (!name.startsWith(prefix) || graphics.getParent() == null) {
            return Optional.empty();
        }
        String suffix = "-" + name.substring(prefix.length()); // -21.0.5-linux.jar
        try (Stream<Path> files = Files.list(graphics.getParent())) {
            List<Path> jars = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("javafx-") && n.endsWith(suffix) && !n.substring("javafx-".length(),
                        n.length() - suffix.length()).contains("-");
            }).sorted().toList();
            return jars.isEmpty() ? Optional.empty() : Optional.of(jars);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
