package org.groupwriteback.engine.run;

/**
 * One delete a cycle stopped before applying (deletion threshold): the cloud group, its display name when
 * the import still knows it, the AD group's DN and why it is deleted. Run records list them for approval.
 */
public record PendingDelete(String cloudId, String displayName, String dn, String reason) {
}
