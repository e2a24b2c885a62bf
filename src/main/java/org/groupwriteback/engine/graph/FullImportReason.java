package org.groupwriteback.engine.graph;

/**
 * Why an import reads everything instead of a delta: the one place that words it, for the import report and the
 * run record.
 */
public final class FullImportReason {
    private FullImportReason() {
    }

    /**
     * The reason to import everything before any request is made, or null when a delta import will do:
     * {@code requested} by the caller, or no delta links in {@code snapshot} yet.
     */
    public static String before(boolean requested, CloudSnapshot snapshot) {
        if (requested) {
            return "full import requested";
        }
        if (snapshot.groupsDeltaLink() == null || snapshot.usersDeltaLink() == null) {
            return "no delta link yet (first import)";
        }
        return null;
    }

    /** The reason when Graph no longer knows the delta state ({@code cause}: 410, syncStateNotFound, ...). */
    static String deltaStateLost(String cause) {
        return "Graph no longer knows the delta state (" + cause + "); imported everything again";
    }
}
