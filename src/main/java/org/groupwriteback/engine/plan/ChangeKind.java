package org.groupwriteback.engine.plan;

/**
 * The kinds of {@link Change}, each with the wire name used in run records, their JSON and the state
 * store's journal ({@code create}, {@code rename}, ...). Switch over it without a default so a new kind
 * fails to compile until every place handles it.
 */
public enum ChangeKind {
    CREATE("create"),
    MOVE("move"),
    RENAME("rename"),
    UPDATE("update"),
    REMOVE_MEMBERS("removeMembers"),
    ADD_MEMBERS("addMembers"),
    DELETE("delete");

    private final String wire;

    ChangeKind(String wire) {
        this.wire = wire;
    }

    /** The name in run records, JSON and the journal, e.g. {@code addMembers}. */
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
