package org.groupwriteback.engine.graph;

/** Graph answered 410 / {@code syncStateNotFound} / {@code resyncRequired}: the delta link is no longer usable. */
final class DeltaStateLost extends Exception {
    private static final long serialVersionUID = 1L;

    DeltaStateLost(String reason) {
        super(reason);
    }
}
