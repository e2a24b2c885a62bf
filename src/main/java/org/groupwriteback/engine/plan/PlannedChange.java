package org.groupwriteback.engine.plan;

/**
 * One change of a plan in printable form (dry-run output, run records): kind (its wire name), cloud
 * group, DN, a detail and how many values it writes ({@link Change#valueCount()}: members for member changes).
 * Made by {@link PlanPrinter#describe(Change)}.
 */
public record PlannedChange(String kind, String cloudId, String dn, String detail, int valueCount) {

    /** A change writing one value. */
    public PlannedChange(String kind, String cloudId, String dn, String detail) {
        this(kind, cloudId, dn, detail, 1);
    }

    @Override
    public String toString() {
        return PlanPrinter.line(this);
    }
}
