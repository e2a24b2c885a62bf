package org.groupwriteback.wizard;

import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What the window shell needs from every page's view model: why Next is blocked (empty when the page is
 * complete), and hooks when the page is shown and left.
 */
public interface PageModel {

    /** The reason the page is not complete, in plain words; empty when Next may be used. */
    ReadOnlyStringProperty blockingReason();

    /** Called each time the page is shown. */
    default void enter() {
    }

    /** Called when the page is left (either direction). */
    default void leave() {
    }
}
