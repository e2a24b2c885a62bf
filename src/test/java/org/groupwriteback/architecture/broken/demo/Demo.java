package org.groupwriteback.architecture.broken.demo;

import javafx.scene.Node;

/** Breaks the demo rule on purpose: the demo depends on JavaFX. */
public class Demo {
    Node node;
}
