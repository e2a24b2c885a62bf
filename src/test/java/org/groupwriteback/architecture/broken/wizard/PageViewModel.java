package org.groupwriteback.architecture.broken.wizard;

import javafx.scene.control.Label;
import org.groupwriteback.architecture.broken.app.Shell;

/** Breaks the wizard rules on purpose: a node in a view model, a dependency on the app. */
public class PageViewModel {
    Label label;
    Shell shell;

    public Label label() {
        return label;
    }
}
