package org.groupwriteback.app;

import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.WizardServices;

/**
 * The JavaFX application of the wizard. Started through {@link WizardLauncher}, which hands it the engine
 * services; suspends the scheduler while the window is open and resumes it when the window closes.
 */
public final class WizardApp extends Application {
    private static volatile WizardServices services;
    private static volatile boolean demo;
    private TaskRunner runner;

    static void configure(WizardServices wizardServices, boolean demoMode) {
        services = Objects.requireNonNull(wizardServices, "services");
        demo = demoMode;
    }

    /** The scene the wizard shows (also used by tests and screenshots). */
    public static Scene createScene(WizardShell shell) {
        Scene scene = new Scene(shell.root(), WizardShell.WIDTH, WizardShell.HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(
                WizardApp.class.getResource("/org/groupwriteback/wizard/wizard.css")).toExternalForm());
        return scene;
    }

    @Override
    public void start(Stage stage) {
        if (services == null) {
            throw new IllegalStateException("start the wizard with WizardLauncher.launch(services, demo)");
        }
        runner = new TaskRunner();
        Messages messages = Messages.load();
        services.suspendScheduler();
        WizardShell shell = new WizardShell(services, runner, messages, demo, stage::close);
        stage.setTitle(messages.get("app.title"));
        stage.setScene(createScene(shell));
        stage.setOnCloseRequest(e -> {
            if (!shell.mayClose()) {
                e.consume();
            }
        });
        stage.setMinWidth(760);
        stage.setMinHeight(560);
        stage.show();
    }

    @Override
    public void stop() {
        services.resumeScheduler();
        if (runner != null) {
            runner.close();
        }
    }
}
