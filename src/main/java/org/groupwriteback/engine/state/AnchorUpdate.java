package org.groupwriteback.engine.state;

/**
 * What an applied change does to the anchors, committed in the same transaction as the change's result
 * so that the anchors never disagree with the recorded outcome.
 */
public sealed interface AnchorUpdate {
    /** Anchors unchanged (member changes, attribute updates, failures). */
    AnchorUpdate NONE = new None();

    /** Nothing to do. */
    record None() implements AnchorUpdate {
    }

    /** Insert or replace the anchor of {@code anchor.cloudId()} (create, adopt, move). */
    record Put(Anchor anchor) implements AnchorUpdate {
    }

    /** Drop the anchor of {@code cloudId} (the AD group was deleted). */
    record Remove(String cloudId) implements AnchorUpdate {
    }
}
