package org.groupwriteback.engine.run;

/** One change of a plan in printable form (dry-run output, run records): kind, cloud group, DN and a detail. */
public record PlannedChange(String kind, String cloudId, String dn, String detail) {
    @Override
    public String toString() {
        return String.format("%-13s %s  %s%s", kind, cloudId, dn, detail == null || detail.isEmpty() ? "" : "  " + detail);
    }
}
