package org.groupwriteback.engine.graph;

/**
 * What one import from Graph did: whether it was a full import (and why), how many groups and users
 * changed or were removed, and how often Graph throttled us (429/503 answered with Retry-After).
 */
public record ImportReport(
        boolean fullImport,
        String fullImportReason,
        int groupsChanged,
        int groupsSoftDeleted,
        int groupsDeleted,
        int usersChanged,
        int throttledResponses,
        int requests) {
}
