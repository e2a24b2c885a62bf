package org.groupwriteback.engine.state;

/** One applied-change row of the journal, for reports and tests. */
public record ChangeRow(long runId, int seq, String kind, String cloudId, String dn, String status,
        String errorCode, String message) {
}
